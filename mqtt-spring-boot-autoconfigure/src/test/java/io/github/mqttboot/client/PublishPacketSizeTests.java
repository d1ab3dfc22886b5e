package io.github.mqttboot.client;

import java.time.Duration;
import java.util.Map;

import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.MqttPublish;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The size of a PUBLISH is the size Paho encodes, every property counted: a message sized short
 * would pass the check against the broker's Maximum Packet Size and cost the connection.
 */
class PublishPacketSizeTests {

	@Test
	void aMessageWithEveryPropertyIsSizedAsPahoEncodesIt() throws Exception {
		MqttMessageProperties properties = new MqttMessageProperties("text/plain", "replies/1", new byte[] { 1, 2, 3 },
				Map.of("tenant", "acme"), Duration.ofSeconds(60), true);
		OutboundMessage message = new OutboundMessage("sensors/1", new byte[1000], 1, false, properties);
		assertThat(PublishPacketSize.of(message)).isEqualTo(encodedByPaho(message));
	}

	@Test
	void aMessageWithoutPropertiesIsSizedAsPahoEncodesIt() throws Exception {
		OutboundMessage message = new OutboundMessage("sensors/1", new byte[200_000], 0, false,
				MqttMessageProperties.NONE);
		assertThat(PublishPacketSize.of(message)).isEqualTo(encodedByPaho(message));
	}

	@Test
	void aMessageMayExceedALimitOnlyWhenItsBoundDoes() {
		MqttMessageProperties properties = new MqttMessageProperties("text/plain", "replies/1", new byte[] { 1, 2, 3 },
				Map.of("tenant", "acme"), Duration.ofSeconds(60), true);
		OutboundMessage message = new OutboundMessage("sensors/1", new byte[1000], 1, false, properties);
		long size = PublishPacketSize.of(message);
		assertThat(PublishPacketSize.mayExceed(message, size - 1)).isTrue();
		assertThat(PublishPacketSize.mayExceed(message, 10 * size)).isFalse();
		assertThat(PublishPacketSize.mayExceed(message, 0)).isFalse();
	}

	private static long encodedByPaho(OutboundMessage message) throws Exception {
		MqttMessageProperties ours = message.properties();
		MqttProperties properties = new MqttProperties();
		properties.setContentType(ours.contentType());
		properties.setResponseTopic(ours.responseTopic());
		properties.setCorrelationData(ours.correlationData());
		if (ours.messageExpiry() != null) {
			properties.setMessageExpiryInterval(ours.messageExpiry().toSeconds());
		}
		if (ours.payloadFormatUtf8() != null) {
			properties.setPayloadFormat(ours.payloadFormatUtf8());
		}
		properties.setUserProperties(ours.userProperties()
			.entrySet()
			.stream()
			.map((user) -> new UserProperty(user.getKey(), user.getValue()))
			.toList());
		MqttPublish publish = new MqttPublish(message.topic(),
				new MqttMessage(message.payload(), message.qos(), message.retained(), properties), properties);
		if (message.qos() > 0) {
			publish.setMessageId(1);
		}
		return publish.getHeader().length + publish.getPayload().length;
	}

}
