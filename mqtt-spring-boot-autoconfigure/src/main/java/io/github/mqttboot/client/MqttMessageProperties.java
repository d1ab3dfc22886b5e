package io.github.mqttboot.client;

import java.util.Map;

/**
 * The MQTT 5 properties of a message that the starter maps. Empty for MQTT 3.1.1.
 *
 * @param contentType the content type, or {@code null}
 * @param responseTopic the response topic of a request, or {@code null}
 * @param correlationData the correlation data of a request, or {@code null}
 * @param userProperties the user properties, in order
 * @author mqtt-spring-boot-starter
 * @since 0.1.0
 */
public record MqttMessageProperties(String contentType, String responseTopic, byte[] correlationData,
		Map<String, String> userProperties) {

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
		userProperties = (userProperties != null) ? Map.copyOf(userProperties) : Map.of();
	}

}
