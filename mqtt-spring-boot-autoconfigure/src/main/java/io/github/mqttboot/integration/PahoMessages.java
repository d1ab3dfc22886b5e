package io.github.mqttboot.integration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.mqttboot.client.InboundMessage;
import io.github.mqttboot.client.MqttMessageProperties;
import io.github.mqttboot.client.OutboundMessage;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;

/**
 * Maps between the client's messages and the Paho v5 messages that Spring Integration's adapters
 * read and write.
 *
 * @author mqtt-spring-boot-starter
 */
final class PahoMessages {

	private PahoMessages() {
	}

	static MqttMessage toPaho(InboundMessage message, int id) {
		MqttMessage paho = new MqttMessage(message.payload(), message.qos(), message.retained(),
				toPaho(message.properties()));
		paho.setId(id);
		paho.setDuplicate(message.duplicate());
		return paho;
	}

	static OutboundMessage fromPaho(String topic, MqttMessage message) {
		return new OutboundMessage(topic, message.getPayload(), message.getQos(), message.isRetained(),
				fromPaho(message.getProperties()));
	}

	private static MqttProperties toPaho(MqttMessageProperties properties) {
		MqttProperties paho = new MqttProperties();
		paho.setContentType(properties.contentType());
		paho.setResponseTopic(properties.responseTopic());
		paho.setCorrelationData(properties.correlationData());
		List<UserProperty> userProperties = new ArrayList<>();
		properties.userProperties().forEach((key, value) -> userProperties.add(new UserProperty(key, value)));
		paho.setUserProperties(userProperties);
		return paho;
	}

	private static MqttMessageProperties fromPaho(MqttProperties properties) {
		if (properties == null) {
			return MqttMessageProperties.NONE;
		}
		Map<String, String> userProperties = new LinkedHashMap<>();
		if (properties.getUserProperties() != null) {
			properties.getUserProperties().forEach((property) -> userProperties.put(property.getKey(), property.getValue()));
		}
		return new MqttMessageProperties(properties.getContentType(), properties.getResponseTopic(),
				properties.getCorrelationData(), userProperties);
	}

}
