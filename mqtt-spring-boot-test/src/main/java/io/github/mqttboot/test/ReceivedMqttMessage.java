package io.github.mqttboot.test;

import java.nio.charset.StandardCharsets;

/**
 * A message that a {@link MqttTestSubscriber} received.
 *
 * @param topic the topic it was published to
 * @param payload its payload
 * @param qos the QoS it was delivered with
 * @param retained whether the broker delivered it as a retained message
 * @author mqtt-spring-boot-starter
 */
public record ReceivedMqttMessage(String topic, byte[] payload, int qos, boolean retained) {

	/**
	 * Return the payload decoded as UTF-8.
	 * @return the payload as text
	 */
	public String payloadAsString() {
		return new String(this.payload, StandardCharsets.UTF_8);
	}

	@Override
	public String toString() {
		return this.topic + " (qos " + this.qos + (this.retained ? ", retained" : "") + "): " + payloadAsString();
	}

}
