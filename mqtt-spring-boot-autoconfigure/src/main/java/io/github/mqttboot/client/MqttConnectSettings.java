package io.github.mqttboot.client;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import org.springframework.boot.ssl.SslBundle;

/**
 * What each connection attempt of a client sends and where: the brokers, the identity, the
 * session and the limits the client announces in CONNECT. Defaults match the documented
 * defaults of the {@code mqtt.*} properties.
 *
 * @author mqtt-spring-boot-starter
 * @since 0.1.0
 * @see MqttClientSettings
 */
public abstract class MqttConnectSettings {

	private List<URI> serverUris = List.of(URI.create("tcp://localhost:1883"));

	private String clientId = "mqtt";

	private String username;

	private String password;

	private int protocolVersion = 5;

	private boolean cleanStart = true;

	private Duration sessionExpiry = Duration.ZERO;

	private Duration keepAlive = Duration.ofSeconds(30);

	private Duration connectionTimeout = Duration.ofSeconds(10);

	private MqttCredentialsProvider credentialsProvider;

	private Supplier<SslBundle> sslBundle = () -> null;

	private boolean verifyHostname = true;

	private WillMessage will;

	private int receiveMaximum = 65535;

	private long maximumPacketSize;

	/**
	 * Creates settings with the defaults of the {@code mqtt.*} properties.
	 */
	protected MqttConnectSettings() {
	}

	/**
	 * Returns the broker URIs, tried in order on every connect.
	 * @return the URIs
	 */
	public List<URI> getServerUris() {
		return this.serverUris;
	}

	/**
	 * Sets the broker URIs, tried in order on every connect.
	 * @param serverUris the URIs
	 */
	public void setServerUris(List<URI> serverUris) {
		this.serverUris = List.copyOf(serverUris);
	}

	/**
	 * Returns the MQTT client identifier.
	 * @return the client id
	 */
	public String getClientId() {
		return this.clientId;
	}

	/**
	 * Sets the MQTT client identifier.
	 * @param clientId the client id
	 */
	public void setClientId(String clientId) {
		this.clientId = clientId;
	}

	/**
	 * Returns the user name sent in CONNECT.
	 * @return the user name, or {@code null} for none
	 */
	public String getUsername() {
		return this.username;
	}

	/**
	 * Sets the user name sent in CONNECT.
	 * @param username the user name, or {@code null} for none
	 */
	public void setUsername(String username) {
		this.username = username;
	}

	/**
	 * Returns the password sent in CONNECT.
	 * @return the password, or {@code null} for none
	 */
	public String getPassword() {
		return this.password;
	}

	/**
	 * Sets the password sent in CONNECT.
	 * @param password the password, or {@code null} for none
	 */
	public void setPassword(String password) {
		this.password = password;
	}

	/**
	 * Returns the MQTT protocol version.
	 * @return 5, or 3 for MQTT 3.1.1
	 */
	public int getProtocolVersion() {
		return this.protocolVersion;
	}

	/**
	 * Sets the MQTT protocol version.
	 * @param protocolVersion 5, or 3 for MQTT 3.1.1
	 */
	public void setProtocolVersion(int protocolVersion) {
		this.protocolVersion = protocolVersion;
	}

	/**
	 * Returns whether to start a new session on connect instead of resuming the broker's.
	 * @return whether to start clean
	 */
	public boolean isCleanStart() {
		return this.cleanStart;
	}

	/**
	 * Sets whether to start a new session on connect instead of resuming the broker's.
	 * @param cleanStart whether to start clean
	 */
	public void setCleanStart(boolean cleanStart) {
		this.cleanStart = cleanStart;
	}

	/**
	 * Returns the MQTT 5 session expiry interval.
	 * @return the interval; zero ends the session with the connection
	 */
	public Duration getSessionExpiry() {
		return this.sessionExpiry;
	}

	/**
	 * Sets the MQTT 5 session expiry interval.
	 * @param sessionExpiry the interval; zero ends the session with the connection
	 */
	public void setSessionExpiry(Duration sessionExpiry) {
		this.sessionExpiry = sessionExpiry;
	}

	/**
	 * Returns the keep-alive interval.
	 * @return the interval
	 */
	public Duration getKeepAlive() {
		return this.keepAlive;
	}

	/**
	 * Sets the keep-alive interval.
	 * @param keepAlive the interval
	 */
	public void setKeepAlive(Duration keepAlive) {
		this.keepAlive = keepAlive;
	}

	/**
	 * Returns the longest wait for the broker's CONNACK in one connection attempt.
	 * @return the timeout
	 */
	public Duration getConnectionTimeout() {
		return this.connectionTimeout;
	}

	/**
	 * Sets the longest wait for the broker's CONNACK in one connection attempt.
	 * @param connectionTimeout the timeout
	 */
	public void setConnectionTimeout(Duration connectionTimeout) {
		this.connectionTimeout = connectionTimeout;
	}

	/**
	 * Returns what supplies the user name and password of each connection attempt.
	 * @return the provider set, else one that returns {@link #getUsername()} and
	 * {@link #getPassword()}
	 */
	public MqttCredentialsProvider getCredentialsProvider() {
		MqttCredentialsProvider provider = this.credentialsProvider;
		return (provider != null) ? provider : (clientName, serverUri) -> new MqttCredentials(getUsername(), getPassword());
	}

	/**
	 * Sets what supplies the user name and password of each connection attempt, in place of
	 * {@link #getUsername()} and {@link #getPassword()}.
	 * @param credentialsProvider the provider, or {@code null} for the user name and password set
	 */
	public void setCredentialsProvider(MqttCredentialsProvider credentialsProvider) {
		this.credentialsProvider = credentialsProvider;
	}

	/**
	 * Returns the SSL bundle of {@code ssl://} and {@code wss://} connections, as it is now: each
	 * connection attempt asks again, so that a reloaded bundle applies from the next one on.
	 * @return the bundle, or {@code null} for the JVM's default trust store
	 */
	public SslBundle getSslBundle() {
		return this.sslBundle.get();
	}

	/**
	 * Sets the SSL bundle of {@code ssl://} and {@code wss://} connections.
	 * @param sslBundle the bundle, or {@code null} for the JVM's default trust store
	 */
	public void setSslBundle(SslBundle sslBundle) {
		this.sslBundle = () -> sslBundle;
	}

	/**
	 * Sets where each connection attempt looks up its SSL bundle, such as a bundle of Spring
	 * Boot's {@code SslBundles} that is reloaded when its files change.
	 * @param sslBundle supplies the current bundle, or {@code null} for the JVM's default trust
	 * store
	 */
	public void setSslBundleSupplier(Supplier<SslBundle> sslBundle) {
		this.sslBundle = (sslBundle != null) ? sslBundle : () -> null;
	}

	/**
	 * Returns whether the broker's certificate must match the server URI's host name.
	 * @return whether to verify the host name
	 */
	public boolean isVerifyHostname() {
		return this.verifyHostname;
	}

	/**
	 * Sets whether the broker's certificate must match the server URI's host name.
	 * @param verifyHostname whether to verify the host name
	 */
	public void setVerifyHostname(boolean verifyHostname) {
		this.verifyHostname = verifyHostname;
	}

	/**
	 * Returns the last-will message.
	 * @return the will, or {@code null} for none
	 */
	public WillMessage getWill() {
		return this.will;
	}

	/**
	 * Sets the last-will message.
	 * @param will the will, or {@code null} for none
	 */
	public void setWill(WillMessage will) {
		this.will = will;
	}

	/**
	 * Returns how many unacknowledged QoS 1 and 2 messages the broker may send this client.
	 * @return from 1 to 65535
	 */
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

	/**
	 * Returns the largest packet the broker may send this client (MQTT 5).
	 * @return in bytes, or 0 for none advertised
	 */
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
