package io.github.mqttboot.client;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.ssl.SslBundle;

/**
 * Everything a {@link ManagedMqttClient} needs to know, resolved from configuration. Defaults
 * match the documented defaults of the {@code mqtt.*} properties.
 *
 * @author mqtt-spring-boot-starter
 */
public class MqttClientSettings {

	private List<URI> serverUris = List.of(URI.create("tcp://localhost:1883"));

	private String clientId = "mqtt";

	private String username;

	private String password;

	private int protocolVersion = 5;

	private boolean cleanStart = true;

	private Duration sessionExpiry = Duration.ZERO;

	private Duration keepAlive = Duration.ofSeconds(30);

	private Duration connectionTimeout = Duration.ofSeconds(10);

	private int maxInflight = 1000;

	private SslBundle sslBundle;

	private boolean verifyHostname = true;

	private WillMessage will;

	private Duration reconnectInitialDelay = Duration.ofSeconds(1);

	private Duration reconnectMaxDelay = Duration.ofSeconds(30);

	private double reconnectMultiplier = 2.0;

	private double reconnectJitter = 0.5;

	private Duration reconnectStableAfter = Duration.ofSeconds(10);

	private Duration gracePeriod = Duration.ofSeconds(30);

	private Duration waitForConnection = Duration.ZERO;

	private Duration shutdownTimeout = Duration.ofSeconds(10);

	private int bufferCapacity = 10000;

	private boolean manualAcks = true;

	private int receiveMaximum = 65535;

	private long maximumPacketSize;

	public List<URI> getServerUris() {
		return this.serverUris;
	}

	public void setServerUris(List<URI> serverUris) {
		this.serverUris = List.copyOf(serverUris);
	}

	public String getClientId() {
		return this.clientId;
	}

	public void setClientId(String clientId) {
		this.clientId = clientId;
	}

	public String getUsername() {
		return this.username;
	}

	public void setUsername(String username) {
		this.username = username;
	}

	public String getPassword() {
		return this.password;
	}

	public void setPassword(String password) {
		this.password = password;
	}

	public int getProtocolVersion() {
		return this.protocolVersion;
	}

	public void setProtocolVersion(int protocolVersion) {
		this.protocolVersion = protocolVersion;
	}

	public boolean isCleanStart() {
		return this.cleanStart;
	}

	public void setCleanStart(boolean cleanStart) {
		this.cleanStart = cleanStart;
	}

	public Duration getSessionExpiry() {
		return this.sessionExpiry;
	}

	public void setSessionExpiry(Duration sessionExpiry) {
		this.sessionExpiry = sessionExpiry;
	}

	public Duration getKeepAlive() {
		return this.keepAlive;
	}

	public void setKeepAlive(Duration keepAlive) {
		this.keepAlive = keepAlive;
	}

	public Duration getConnectionTimeout() {
		return this.connectionTimeout;
	}

	public void setConnectionTimeout(Duration connectionTimeout) {
		this.connectionTimeout = connectionTimeout;
	}

	public int getMaxInflight() {
		return this.maxInflight;
	}

	public void setMaxInflight(int maxInflight) {
		this.maxInflight = maxInflight;
	}

	public SslBundle getSslBundle() {
		return this.sslBundle;
	}

	public void setSslBundle(SslBundle sslBundle) {
		this.sslBundle = sslBundle;
	}

	/** Whether the broker's certificate must match the server URI's host name. */
	public boolean isVerifyHostname() {
		return this.verifyHostname;
	}

	public void setVerifyHostname(boolean verifyHostname) {
		this.verifyHostname = verifyHostname;
	}

	public WillMessage getWill() {
		return this.will;
	}

	public void setWill(WillMessage will) {
		this.will = will;
	}

	public Duration getReconnectInitialDelay() {
		return this.reconnectInitialDelay;
	}

	public void setReconnectInitialDelay(Duration reconnectInitialDelay) {
		this.reconnectInitialDelay = reconnectInitialDelay;
	}

	public Duration getReconnectMaxDelay() {
		return this.reconnectMaxDelay;
	}

	public void setReconnectMaxDelay(Duration reconnectMaxDelay) {
		this.reconnectMaxDelay = reconnectMaxDelay;
	}

	public double getReconnectMultiplier() {
		return this.reconnectMultiplier;
	}

	public void setReconnectMultiplier(double reconnectMultiplier) {
		this.reconnectMultiplier = reconnectMultiplier;
	}

	public double getReconnectJitter() {
		return this.reconnectJitter;
	}

	public void setReconnectJitter(double reconnectJitter) {
		this.reconnectJitter = reconnectJitter;
	}

	public Duration getReconnectStableAfter() {
		return this.reconnectStableAfter;
	}

	/**
	 * Sets how long a connection must last before the reconnect backoff starts over; losing
	 * connections sooner, three in a row, is taken for a client id conflict.
	 * @param reconnectStableAfter a positive duration
	 */
	public void setReconnectStableAfter(Duration reconnectStableAfter) {
		this.reconnectStableAfter = reconnectStableAfter;
	}

	public Duration getGracePeriod() {
		return this.gracePeriod;
	}

	/**
	 * Sets how long the client may be connecting or reconnecting before its failures are
	 * logged as warnings rather than information ({@code mqtt.health.grace-period}).
	 * @param gracePeriod the grace period
	 */
	public void setGracePeriod(Duration gracePeriod) {
		this.gracePeriod = gracePeriod;
	}

	public Duration getWaitForConnection() {
		return this.waitForConnection;
	}

	public void setWaitForConnection(Duration waitForConnection) {
		this.waitForConnection = waitForConnection;
	}

	public Duration getShutdownTimeout() {
		return this.shutdownTimeout;
	}

	public void setShutdownTimeout(Duration shutdownTimeout) {
		this.shutdownTimeout = shutdownTimeout;
	}

	public int getBufferCapacity() {
		return this.bufferCapacity;
	}

	public void setBufferCapacity(int bufferCapacity) {
		this.bufferCapacity = bufferCapacity;
	}

	public boolean isManualAcks() {
		return this.manualAcks;
	}

	public void setManualAcks(boolean manualAcks) {
		this.manualAcks = manualAcks;
	}

	public int getReceiveMaximum() {
		return this.receiveMaximum;
	}

	/**
	 * Sets how many unacknowledged QoS 1 and 2 messages the broker may send this client: the
	 * flow control that keeps a slow listener from filling its hand-off.
	 * @param receiveMaximum from 1 to 65535
	 */
	public void setReceiveMaximum(int receiveMaximum) {
		this.receiveMaximum = receiveMaximum;
	}

	public long getMaximumPacketSize() {
		return this.maximumPacketSize;
	}

	/**
	 * Sets the largest packet the broker may send this client (MQTT 5): a larger message is
	 * never sent, instead of being read whole and then refused.
	 * @param maximumPacketSize in bytes, or 0 to advertise none
	 */
	public void setMaximumPacketSize(long maximumPacketSize) {
		this.maximumPacketSize = maximumPacketSize;
	}

	/**
	 * The last-will message the broker publishes when this client's connection ends abnormally.
	 *
	 * @param topic the topic
	 * @param payload the payload
	 * @param qos the QoS
	 * @param retained whether it is retained
	 */
	public record WillMessage(String topic, byte[] payload, int qos, boolean retained) {
	}

}
