package io.github.mqttboot.client.driver;

import io.github.mqttboot.client.SubscriptionOptions;

/**
 * A filter to subscribe to.
 *
 * @param filter the topic filter, possibly a shared subscription {@code $share/<group>/...}
 * @param qos the maximum QoS
 * @param subscriptionId the MQTT 5 subscription identifier the broker echoes in each message
 * of this subscription, so that overlapping subscriptions are told apart; 0 for none
 * @param options the MQTT 5 subscription options (MQTT 3.1.1 drivers ignore them; the client
 * refuses non-default options for 3.1.1 before they get here)
 * @author mqtt-spring-boot-starter
 */
public record SubscriptionRequest(String filter, int qos, int subscriptionId, SubscriptionOptions options) {

	/**
	 * Creates a request with the default subscription options.
	 * @param filter the topic filter
	 * @param qos the maximum QoS
	 * @param subscriptionId the subscription identifier, or 0
	 */
	public SubscriptionRequest(String filter, int qos, int subscriptionId) {
		this(filter, qos, subscriptionId, SubscriptionOptions.DEFAULTS);
	}

}
