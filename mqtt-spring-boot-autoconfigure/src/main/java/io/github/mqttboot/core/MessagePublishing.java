package io.github.mqttboot.core;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;

/**
 * Maps the headers of a Spring {@link Message} to what {@link MqttTemplate} publishes, with
 * Spring Integration's {@code MqttHeaders} names.
 *
 * @author mqtt-spring-boot-starter
 */
final class MessagePublishing {

	static final String TOPIC = "mqtt_topic";

	static final String QOS = "mqtt_qos";

	static final String RETAINED = "mqtt_retained";

	static final String MESSAGE_EXPIRY_INTERVAL = "mqtt_messageExpiryInterval";

	static final String RESPONSE_TOPIC = "mqtt_responseTopic";

	static final String CORRELATION_DATA = "mqtt_correlationData";

	static final String USER_PROPERTIES = "mqtt_userProperties";

	private MessagePublishing() {
	}

	static String topic(Message<?> message) {
		Object topic = message.getHeaders().get(TOPIC);
		if (!(topic instanceof String text) || text.isEmpty()) {
			throw new IllegalArgumentException("A message to publish needs its topic in the header '" + TOPIC
					+ "' (MqttHeaders.TOPIC)");
		}
		return text;
	}

	static MqttPublishOptions options(Message<?> message) {
		MessageHeaders headers = message.getHeaders();
		MqttPublishOptions.Builder options = MqttPublishOptions.builder();
		Object qos = headers.get(QOS);
		if (qos != null) {
			options.qos(integer(QOS, qos));
		}
		Object retained = headers.get(RETAINED);
		if (retained != null) {
			options.retained(Boolean.parseBoolean(retained.toString()));
		}
		Object expiry = headers.get(MESSAGE_EXPIRY_INTERVAL);
		if (expiry != null) {
			int seconds = integer(MESSAGE_EXPIRY_INTERVAL, expiry);
			if (seconds < 1) {
				throw new IllegalArgumentException("Header '" + MESSAGE_EXPIRY_INTERVAL
						+ "' must be at least 1 (seconds; brokers take 0 for no expiry at all), not " + seconds);
			}
			options.messageExpiry(Duration.ofSeconds(seconds));
		}
		Object responseTopic = headers.get(RESPONSE_TOPIC);
		if (responseTopic != null) {
			options.responseTopic(responseTopic.toString());
		}
		Object correlation = headers.get(CORRELATION_DATA);
		if (correlation != null) {
			options.correlationData((correlation instanceof byte[] bytes) ? bytes
					: correlation.toString().getBytes(StandardCharsets.UTF_8));
		}
		Object contentType = headers.get(MessageHeaders.CONTENT_TYPE);
		if (contentType != null) {
			options.contentType(contentType.toString());
		}
		if (headers.get(USER_PROPERTIES) instanceof Map<?, ?> user) {
			user.forEach((name, value) -> options.userProperty(String.valueOf(name), String.valueOf(value)));
		}
		return options.build();
	}

	private static int integer(String header, Object value) {
		try {
			return (value instanceof Number number) ? number.intValue() : Integer.parseInt(value.toString().trim());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("Header '" + header + "' must be a whole number, not '" + value + "'");
		}
	}

}
