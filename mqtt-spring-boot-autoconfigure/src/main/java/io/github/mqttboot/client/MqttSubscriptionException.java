package io.github.mqttboot.client;

/**
 * The broker refused a subscription (an MQTT 5 SUBACK reason code of 0x80 or more, or 0x80 for
 * MQTT 3.1.1).
 *
 * @author mqtt-spring-boot-starter
 * @since 0.1.0
 */
public class MqttSubscriptionException extends RuntimeException {

	private final transient Subscription subscription;

	/**
	 * Creates an exception for a refused subscription.
	 * @param subscription the subscription, which stays registered and is asked for again on
	 * every reconnect until unsubscribed
	 */
	public MqttSubscriptionException(Subscription subscription) {
		super("Broker refused the subscription to '" + subscription.filter() + "' with reason code 0x"
				+ Integer.toHexString(subscription.reasonCode()));
		this.subscription = subscription;
	}

	/**
	 * Returns the refused subscription, still registered: unsubscribe it to stop asking for it.
	 * @return the subscription
	 */
	public Subscription getSubscription() {
		return this.subscription;
	}

	/**
	 * Returns the refused topic filter.
	 * @return the filter
	 */
	public String getFilter() {
		return this.subscription.filter();
	}

	/**
	 * Returns the SUBACK reason code.
	 * @return 0x80 or more
	 */
	public int getReasonCode() {
		return this.subscription.reasonCode();
	}

}
