package io.github.mqttboot.client;

/**
 * The outcome of a publish that the broker acknowledged (PUBACK for QoS 1, PUBCOMP for QoS 2) or,
 * for QoS 0, that was written to the connection.
 *
 * @param topic the topic
 * @param qos the QoS it was sent with
 * @param retained whether it was sent retained
 * @param messageId the packet identifier, or 0 for QoS 0
 * @author mqtt-spring-boot-starter
 * @since 0.1.0
 */
public record PublishResult(String topic, int qos, boolean retained, int messageId) {
}
