package io.github.mqttboot.client;

/**
 * A filter to subscribe to.
 *
 * @param filter the topic filter, possibly a shared subscription {@code $share/<group>/...}
 * @param qos the maximum QoS
 * @author mqtt-spring-boot-starter
 */
public record SubscriptionRequest(String filter, int qos) {
}
