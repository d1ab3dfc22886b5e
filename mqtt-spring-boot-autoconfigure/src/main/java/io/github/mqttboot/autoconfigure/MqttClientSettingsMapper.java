package io.github.mqttboot.autoconfigure;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import io.github.mqttboot.client.MqttClientSettings;
import io.github.mqttboot.client.MqttConnectSettings;
import io.github.mqttboot.client.TopicFilters;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.thread.Threading;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Checks the {@code mqtt.*} properties and maps them to {@link MqttClientSettings}. Every
 * refusal names the property, so that a typo fails startup with a message that says where.
 *
 * @author mqtt-spring-boot-starter
 */
final class MqttClientSettingsMapper {

	private static final Log logger = LogFactory.getLog(MqttClientSettingsMapper.class);

	private static final Set<String> SCHEMES = Set.of("tcp", "ssl", "ws", "wss");

	private static final Set<String> DRIVERS = Set.of("paho", "hivemq");

	private static final long MAX_KEEP_ALIVE_SECONDS = 65535;

	private MqttClientSettingsMapper() {
	}

	static MqttClientSettings map(MqttProperties properties, MqttConnectionDetails details, Environment environment) {
		validate(properties);
		MqttClientSettings settings = new MqttClientSettings();
		settings.setServerUris(serverUris(details.getServerUris()));
		settings.setClientId(clientId(properties.getClientId(), environment));
		settings.setUsername(details.getUsername());
		settings.setPassword(details.getPassword());
		// looked up now, so that a missing bundle fails startup, and again at every attempt, so
		// that a bundle Boot reloads (reload-on-update) applies from the next connection on
		details.getSslBundle();
		settings.setSslBundleSupplier(details::getSslBundle);
		settings.setVerifyHostname(properties.getSsl().isVerifyHostname());
		if (!settings.isVerifyHostname()) {
			logger.warn("mqtt.ssl.verify-hostname=false: the broker's certificate is not checked against the host "
					+ "name of " + settings.getServerUris() + "; anyone with a certificate of a trusted CA can "
					+ "pose as the broker");
		}
		settings.setProtocolVersion(properties.getProtocolVersion());
		settings.setCleanStart(properties.isCleanStart());
		settings.setSessionExpiry(properties.getSessionExpiry());
		settings.setKeepAlive(properties.getKeepAlive());
		settings.setConnectionTimeout(properties.getConnectionTimeout());
		settings.setMaxInflight(properties.getMaxInflight());
		MqttProperties.Will will = properties.getWill();
		if (StringUtils.hasText(will.getTopic())) {
			byte[] payload = (will.getPayload() != null) ? will.getPayload().getBytes(StandardCharsets.UTF_8)
					: new byte[0];
			settings.setWill(new MqttConnectSettings.WillMessage(will.getTopic(), payload, will.getQos(),
					will.isRetained()));
		}
		MqttReconnectProperties reconnect = properties.getReconnect();
		settings.setReconnectInitialDelay(reconnect.getInitialDelay());
		settings.setReconnectMaxDelay(reconnect.getMaxDelay());
		settings.setReconnectMultiplier(reconnect.getMultiplier());
		settings.setReconnectJitter(reconnect.getJitter());
		settings.setReconnectStableAfter(reconnect.getStableAfter());
		settings.setGracePeriod(properties.getHealth().getGracePeriod());
		settings.setWaitForConnection(properties.getStartup().getWaitForConnection());
		settings.setShutdownTimeout(properties.getShutdown().getTimeout());
		settings.setBufferCapacity(properties.getPublish().getBuffer().getCapacity());
		settings.setManualAcks(properties.getListener().getAckMode() == MqttListenerProperties.AckMode.AFTER_HANDLER);
		// the broker never has more unacknowledged messages in flight to us than one listener's
		// hand-off holds, so a full hand-off cannot stall the reading thread (and with it pings)
		settings.setReceiveMaximum(Math.min(65535, Math.max(1, properties.getListener().getQueueCapacity())));
		// an oversized message stops at the broker instead of being read whole first
		settings.setMaximumPacketSize(Math.min(MAXIMUM_PACKET_SIZE,
				properties.getListener().getMaxPayloadSize().toBytes() + PACKET_HEADER_ROOM));
		settings.setVirtualThreads(virtualThreads(environment));
		return settings;
	}

	private static boolean virtualThreads(Environment environment) {
		if (Threading.VIRTUAL.isActive(environment)) {
			return true;
		}
		if (environment.getProperty("spring.threads.virtual.enabled", Boolean.class, false)) {
			logger.info("spring.threads.virtual.enabled=true is ignored by the MQTT client: virtual threads need "
					+ "Java 21 or later, and this is Java " + Runtime.version().feature()
					+ "; its listeners run on platform threads");
		}
		return false;
	}

	static void validateDriver(MqttProperties properties) {
		int version = properties.getProtocolVersion();
		if (version != 5 && version != 3) {
			throw new InvalidMqttPropertyException("mqtt.protocol-version", version,
					"must be 5 (MQTT 5) or 3 (MQTT 3.1.1)");
		}
		if (!DRIVERS.contains(properties.getDriver())) {
			throw new InvalidMqttPropertyException("mqtt.driver", properties.getDriver(), "must be paho or hivemq");
		}
	}

	private static void validateRetry(MqttListenerProperties.Retry retry) {
		if (retry.getMaxAttempts() < 1) {
			throw new InvalidMqttPropertyException("mqtt.listener.retry.max-attempts", retry.getMaxAttempts(),
					"must be at least 1 (1 retries nothing)");
		}
		positive("mqtt.listener.retry.initial-interval", retry.getInitialInterval());
		positive("mqtt.listener.retry.max-interval", retry.getMaxInterval());
		if (retry.getMultiplier() < 1) {
			throw new InvalidMqttPropertyException("mqtt.listener.retry.multiplier", retry.getMultiplier(),
					"must be at least 1");
		}
	}

	/** A generated id changes at every start: the session would never be resumed. */
	private static void validatePersistentSession(MqttProperties properties) {
		if (properties.getClientId() != null) {
			return;
		}
		String reason = "a persistent session needs a fixed mqtt.client-id: a generated id changes at every start, "
				+ "so the session is never resumed and the broker keeps an orphaned one each time; set "
				+ "mqtt.client-id to an id that is stable for this instance, for example "
				+ "${spring.application.name}-${HOSTNAME}";
		if (!properties.isCleanStart()) {
			throw new InvalidMqttPropertyException("mqtt.clean-start", false, reason);
		}
		if (!properties.getSessionExpiry().isZero()) {
			throw new InvalidMqttPropertyException("mqtt.session-expiry", properties.getSessionExpiry(), reason);
		}
	}

	/** The largest packet MQTT can carry: a four-byte remaining length, plus the fixed header. */
	private static final long MAXIMUM_PACKET_SIZE = 268_435_460L;

	/** Room for the topic (up to 65,535 bytes), the packet id and the properties. */
	private static final long PACKET_HEADER_ROOM = 128 * 1024;

	static void validate(MqttProperties properties) {
		validateDriver(properties);
		if (properties.getClientId() != null && !StringUtils.hasText(properties.getClientId())) {
			throw new InvalidMqttPropertyException("mqtt.client-id", properties.getClientId(),
					"must not be empty; remove it to get a generated id");
		}
		nonNegative("mqtt.session-expiry", properties.getSessionExpiry());
		if (properties.getProtocolVersion() == 3 && !properties.getSessionExpiry().isZero()) {
			// the only MQTT 5-only property: with 3.1.1 a session outlives the connection or not
			throw new InvalidMqttPropertyException("mqtt.session-expiry", properties.getSessionExpiry(),
					"is an MQTT 5 setting and mqtt.protocol-version is 3 (MQTT 3.1.1); remove it and set "
							+ "mqtt.clean-start=false for a session that outlives the connection");
		}
		validatePersistentSession(properties);
		nonNegative("mqtt.keep-alive", properties.getKeepAlive());
		if (properties.getKeepAlive().toSeconds() > MAX_KEEP_ALIVE_SECONDS) {
			throw new InvalidMqttPropertyException("mqtt.keep-alive", properties.getKeepAlive(),
					"must be at most 65535 seconds");
		}
		positive("mqtt.connection-timeout", properties.getConnectionTimeout());
		if (properties.getMaxInflight() < 1) {
			throw new InvalidMqttPropertyException("mqtt.max-inflight", properties.getMaxInflight(), "must be at least 1");
		}
		qos("mqtt.will.qos", properties.getWill().getQos());
		if (StringUtils.hasText(properties.getWill().getTopic())) {
			topicName("mqtt.will.topic", properties.getWill().getTopic());
		}
		MqttReconnectProperties reconnect = properties.getReconnect();
		positive("mqtt.reconnect.initial-delay", reconnect.getInitialDelay());
		positive("mqtt.reconnect.max-delay", reconnect.getMaxDelay());
		if (reconnect.getMaxDelay().compareTo(reconnect.getInitialDelay()) < 0) {
			throw new InvalidMqttPropertyException("mqtt.reconnect.max-delay", reconnect.getMaxDelay(),
					"must not be shorter than mqtt.reconnect.initial-delay (" + reconnect.getInitialDelay() + ")");
		}
		if (reconnect.getMultiplier() < 1.0) {
			throw new InvalidMqttPropertyException("mqtt.reconnect.multiplier", reconnect.getMultiplier(),
					"must be at least 1.0");
		}
		if (reconnect.getJitter() < 0.0 || reconnect.getJitter() > 1.0) {
			throw new InvalidMqttPropertyException("mqtt.reconnect.jitter", reconnect.getJitter(),
					"must be between 0 and 1");
		}
		positive("mqtt.reconnect.stable-after", reconnect.getStableAfter());
		nonNegative("mqtt.startup.wait-for-connection", properties.getStartup().getWaitForConnection());
		nonNegative("mqtt.shutdown.timeout", properties.getShutdown().getTimeout());
		qos("mqtt.publish.default-qos", properties.getPublish().getDefaultQos());
		if (properties.getPublish().getBuffer().getCapacity() < 0) {
			throw new InvalidMqttPropertyException("mqtt.publish.buffer.capacity",
					properties.getPublish().getBuffer().getCapacity(), "must not be negative (0 fails at once)");
		}
		nonNegative("mqtt.health.grace-period", properties.getHealth().getGracePeriod());
		MqttListenerProperties listener = properties.getListener();
		if (listener.getConcurrency() < 1) {
			throw new InvalidMqttPropertyException("mqtt.listener.concurrency", listener.getConcurrency(),
					"must be at least 1");
		}
		if (listener.getQueueCapacity() < 1) {
			throw new InvalidMqttPropertyException("mqtt.listener.queue-capacity", listener.getQueueCapacity(),
					"must be at least 1");
		}
		if (listener.getMaxPayloadSize() == null || listener.getMaxPayloadSize().toBytes() < 1) {
			throw new InvalidMqttPropertyException("mqtt.listener.max-payload-size", listener.getMaxPayloadSize(),
					"must be at least 1B");
		}
		if (StringUtils.hasText(listener.getDeadLetterTopic())) {
			topicName("mqtt.listener.dead-letter-topic", listener.getDeadLetterTopic());
		}
		validateRetry(listener.getRetry());
		positive("mqtt.listener.stall-timeout", listener.getStallTimeout());
	}

	private static List<URI> serverUris(List<String> values) {
		if (values == null || values.isEmpty()) {
			throw new InvalidMqttPropertyException("mqtt.server-uris", values, "at least one broker URI is required");
		}
		List<URI> uris = new ArrayList<>();
		for (int i = 0; i < values.size(); i++) {
			uris.add(serverUri("mqtt.server-uris[" + i + "]", values.get(i)));
		}
		return uris;
	}

	private static URI serverUri(String property, String value) {
		URI uri;
		try {
			uri = new URI((value != null) ? value.trim() : "");
		}
		catch (URISyntaxException ex) {
			throw new InvalidMqttPropertyException(property, value, "not a valid URI (" + ex.getReason() + ")");
		}
		if (uri.getScheme() == null || !SCHEMES.contains(uri.getScheme().toLowerCase())) {
			throw new InvalidMqttPropertyException(property, value,
					"the scheme must be one of tcp, ssl, ws or wss, as in tcp://localhost:1883");
		}
		if (!StringUtils.hasText(uri.getHost())) {
			throw new InvalidMqttPropertyException(property, value, "a host is required, as in tcp://localhost:1883");
		}
		if (uri.getPort() != -1 && (uri.getPort() < 1 || uri.getPort() > 65535)) {
			throw new InvalidMqttPropertyException(property, value,
					"port " + uri.getPort() + " is out of range; a port is from 1 to 65535");
		}
		boolean webSocket = uri.getScheme().toLowerCase().startsWith("ws");
		if (!webSocket && StringUtils.hasText(uri.getRawPath()) && !"/".equals(uri.getRawPath())) {
			throw new InvalidMqttPropertyException(property, value, "a tcp:// or ssl:// URI has no path; only ws:// "
					+ "and wss:// URIs do (as in wss://broker.example.com:8884/mqtt)");
		}
		if (uri.getRawUserInfo() != null) {
			// a URI is logged and shown by health: credentials in it would leak
			throw new InvalidMqttPropertyException(property, uri.getScheme() + "://***@" + uri.getHost(),
					"credentials do not belong in the URI; set mqtt.username and mqtt.password");
		}
		return uri;
	}

	private static String clientId(String configured, Environment environment) {
		if (configured != null) {
			return configured;
		}
		String prefix = environment.getProperty("spring.application.name", "mqtt");
		byte[] random = new byte[4];
		ThreadLocalRandom.current().nextBytes(random);
		return prefix + "-" + HexFormat.of().formatHex(random);
	}

	private static void qos(String property, int qos) {
		if (qos < 0 || qos > 2) {
			throw new InvalidMqttPropertyException(property, qos, "QoS must be 0, 1 or 2");
		}
	}

	private static void topicName(String property, String topic) {
		try {
			TopicFilters.validateTopicName(topic);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidMqttPropertyException(property, topic, ex.getMessage());
		}
	}

	private static void nonNegative(String property, Duration duration) {
		if (duration == null || duration.isNegative()) {
			throw new InvalidMqttPropertyException(property, duration, "must not be negative");
		}
	}

	private static void positive(String property, Duration duration) {
		if (duration == null || duration.isNegative() || duration.isZero()) {
			throw new InvalidMqttPropertyException(property, duration, "must be greater than zero");
		}
	}

}
