package io.github.mqttboot.client;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The MQTT 5 properties of a message that the starter maps. Empty for MQTT 3.1.1.
 *
 * @param contentType the content type, or {@code null}
 * @param responseTopic the response topic of a request, or {@code null}
 * @param correlationData the correlation data of a request, or {@code null}
 * @param userProperties the user properties, in order
 * @param messageExpiry how long the broker keeps the message for subscribers that have not
 * received it, or {@code null} for as long as it keeps it
 * @param payloadFormatUtf8 {@code true} when the payload is UTF-8 text (payload format indicator
 * 1), {@code false} for bytes (0), {@code null} to send no indicator
 * @author mqtt-spring-boot-starter
 * @since 0.1.0
 */
public record MqttMessageProperties(String contentType, String responseTopic, byte[] correlationData,
		Map<String, String> userProperties, Duration messageExpiry, Boolean payloadFormatUtf8) {

	/** No properties. */
	public static final MqttMessageProperties NONE = new MqttMessageProperties(null, null, null, Map.of());

	/**
	 * Creates the properties, copying the user properties.
	 * @param contentType the content type, or {@code null}
	 * @param responseTopic the response topic of a request, or {@code null}
	 * @param correlationData the correlation data of a request, or {@code null}
	 * @param userProperties the user properties, or {@code null} for none
	 */
	public MqttMessageProperties {
		userProperties = (userProperties != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(userProperties))
				: Map.of();
	}

	/**
	 * Creates properties without message expiry and payload format indicator.
	 * @param contentType the content type, or {@code null}
	 * @param responseTopic the response topic of a request, or {@code null}
	 * @param correlationData the correlation data of a request, or {@code null}
	 * @param userProperties the user properties, in order
	 */
	public MqttMessageProperties(String contentType, String responseTopic, byte[] correlationData,
			Map<String, String> userProperties) {
		this(contentType, responseTopic, correlationData, userProperties, null, null);
	}

	/**
	 * Returns whether anything is set that only MQTT 5 can carry.
	 * @return {@code true} if anything is set that only MQTT 5 can carry
	 */
	public boolean isEmpty() {
		return this.contentType == null && this.responseTopic == null && this.correlationData == null
				&& this.userProperties.isEmpty() && this.messageExpiry == null && this.payloadFormatUtf8 == null;
	}

}
