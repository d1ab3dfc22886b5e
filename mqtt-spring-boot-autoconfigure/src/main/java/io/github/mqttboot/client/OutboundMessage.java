package io.github.mqttboot.client;

/**
 * A message to publish.
 *
 * @param topic the topic
 * @param payload the payload bytes
 * @param qos 0, 1 or 2
 * @param retained whether the broker retains it
 * @param properties MQTT 5 properties
 * @author mqtt-spring-boot-starter
 * @since 0.1.0
 */
public record OutboundMessage(String topic, byte[] payload, int qos, boolean retained,
		MqttMessageProperties properties) {
}
