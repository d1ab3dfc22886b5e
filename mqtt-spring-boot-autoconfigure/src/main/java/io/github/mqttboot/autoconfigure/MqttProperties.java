package io.github.mqttboot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * Configuration properties for the MQTT client.
 *
 * @author mqtt-spring-boot-starter
 */
@ConfigurationProperties("mqtt")
public class MqttProperties {

	/**
	 * Whether to auto-configure the MQTT client.
	 */
	private boolean enabled = true;

	/**
	 * Broker URIs (tcp://, ssl://, ws://, wss://), tried in order. Defaults to
	 * tcp://localhost:1883, or the embedded broker when it is on the classpath.
	 */
	private List<String> serverUris = new ArrayList<>();

	/**
	 * Whether an mqtt.* key that no property has fails startup; otherwise it is logged as a
	 * warning with the closest valid key.
	 */
	private boolean failOnUnknownProperties;

	/**
	 * Client identifier. Defaults to '${spring.application.name:mqtt}-' and 8 random hex digits.
	 */
	private String clientId;

	/**
	 * Login user of the broker.
	 */
	private String username;

	/**
	 * Login password of the broker.
	 */
	private String password;

	/**
	 * MQTT protocol version: 5, or 3 for MQTT 3.1.1.
	 */
	private int protocolVersion = 5;

	/**
	 * Client library to use: paho or hivemq.
	 */
	private String driver = "paho";

	/**
	 * Whether to start a new session on connect instead of resuming the broker's.
	 */
	private boolean cleanStart = true;

	/**
	 * MQTT 5 session expiry interval; 0 ends the session with the connection.
	 */
	private Duration sessionExpiry = Duration.ZERO;

	/**
	 * Keep-alive interval.
	 */
	private Duration keepAlive = Duration.ofSeconds(30);

	/**
	 * Longest wait for the broker's CONNACK; sub-second values are honoured.
	 */
	private Duration connectionTimeout = Duration.ofSeconds(10);

	/**
	 * Maximum number of QoS 1 and 2 publishes awaiting their acknowledgement.
	 */
	private int maxInflight = 1000;

	private final Ssl ssl = new Ssl();

	private final Will will = new Will();

	@NestedConfigurationProperty
	private final MqttReconnectProperties reconnect = new MqttReconnectProperties();

	private final Startup startup = new Startup();

	private final Shutdown shutdown = new Shutdown();

	@NestedConfigurationProperty
	private final MqttPublishProperties publish = new MqttPublishProperties();

	@NestedConfigurationProperty
	private final MqttListenerProperties listener = new MqttListenerProperties();

	@NestedConfigurationProperty
	private final MqttObservationProperties observation = new MqttObservationProperties();

	@NestedConfigurationProperty
	private final MqttHealthProperties health = new MqttHealthProperties();

	@NestedConfigurationProperty
	private final MqttEmbeddedProperties embedded = new MqttEmbeddedProperties();

	/**
	 * Further clients by name, each with beans '<name>MqttClient' and '<name>MqttTemplate'. A
	 * client takes the connection-level keys of mqtt.* (server-uris, client-id, credentials,
	 * protocol-version, driver, session, timeouts, ssl, will, reconnect, publish, listener, ...);
	 * every key it does not set comes from mqtt.*. A name is letters and digits.
	 */
	private final Map<String, MqttProperties> clients = new LinkedHashMap<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public List<String> getServerUris() {
		return this.serverUris;
	}

	public void setServerUris(List<String> serverUris) {
		this.serverUris = serverUris;
	}

	public boolean isFailOnUnknownProperties() {
		return this.failOnUnknownProperties;
	}

	public void setFailOnUnknownProperties(boolean failOnUnknownProperties) {
		this.failOnUnknownProperties = failOnUnknownProperties;
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

	public String getDriver() {
		return this.driver;
	}

	public void setDriver(String driver) {
		this.driver = driver;
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

	public Ssl getSsl() {
		return this.ssl;
	}

	public Will getWill() {
		return this.will;
	}

	public MqttReconnectProperties getReconnect() {
		return this.reconnect;
	}

	public Startup getStartup() {
		return this.startup;
	}

	public Shutdown getShutdown() {
		return this.shutdown;
	}

	public MqttPublishProperties getPublish() {
		return this.publish;
	}

	public MqttListenerProperties getListener() {
		return this.listener;
	}

	public MqttObservationProperties getObservation() {
		return this.observation;
	}

	public MqttHealthProperties getHealth() {
		return this.health;
	}

	public MqttEmbeddedProperties getEmbedded() {
		return this.embedded;
	}

	public Map<String, MqttProperties> getClients() {
		return this.clients;
	}

	public static class Ssl {

		/**
		 * Name of the SSL bundle (spring.ssl.bundle.*) for ssl:// and wss:// URIs, looked up
		 * at every connection attempt.
		 */
		private String bundle;

		/**
		 * Whether to check that the broker's certificate matches the host name of the server
		 * URI. Switching it off allows a man in the middle and is logged as a warning.
		 */
		private boolean verifyHostname = true;

		public String getBundle() {
			return this.bundle;
		}

		public void setBundle(String bundle) {
			this.bundle = bundle;
		}

		public boolean isVerifyHostname() {
			return this.verifyHostname;
		}

		public void setVerifyHostname(boolean verifyHostname) {
			this.verifyHostname = verifyHostname;
		}

	}

	public static class Will {

		/**
		 * Topic of the last-will message; no will when empty.
		 */
		private String topic;

		/**
		 * Payload of the last-will message, as UTF-8.
		 */
		private String payload;

		/**
		 * QoS of the last-will message.
		 */
		private int qos = 1;

		/**
		 * Whether the broker retains the last-will message.
		 */
		private boolean retained;

		public String getTopic() {
			return this.topic;
		}

		public void setTopic(String topic) {
			this.topic = topic;
		}

		public String getPayload() {
			return this.payload;
		}

		public void setPayload(String payload) {
			this.payload = payload;
		}

		public int getQos() {
			return this.qos;
		}

		public void setQos(int qos) {
			this.qos = qos;
		}

		public boolean isRetained() {
			return this.retained;
		}

		public void setRetained(boolean retained) {
			this.retained = retained;
		}

	}

	public static class Startup {

		/**
		 * How long startup waits for the first connection; 0 does not wait.
		 */
		private Duration waitForConnection = Duration.ZERO;

		public Duration getWaitForConnection() {
			return this.waitForConnection;
		}

		public void setWaitForConnection(Duration waitForConnection) {
			this.waitForConnection = waitForConnection;
		}

	}

	public static class Shutdown {

		/**
		 * Longest time to drain listener work and outstanding publishes, then disconnect.
		 */
		private Duration timeout = Duration.ofSeconds(10);

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

	}

}
