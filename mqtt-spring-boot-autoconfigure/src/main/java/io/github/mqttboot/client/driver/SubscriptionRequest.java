package io.github.mqttboot.client.driver;

/**
 * A filter to subscribe to.
 *
 * @param filter the topic filter, possibly a shared subscription {@code $share/<group>/...}
 * @param qos the maximum QoS
 * @param subscriptionId the MQTT 5 subscription identifier the broker echoes in each message
 * of this subscription, so that overlapping subscriptions are told apart; 0 for none
 * @author mqtt-spring-boot-starter
 */
public record SubscriptionRequest(String filter, int qos, int subscriptionId) {
}
