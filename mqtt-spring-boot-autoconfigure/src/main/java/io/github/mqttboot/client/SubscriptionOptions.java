package io.github.mqttboot.client;

import org.springframework.util.Assert;

/**
 * The MQTT 5 subscription options of a subscription, honoured on every (re)subscribe. MQTT
 * 3.1.1 has none of them.
 *
 * @param noLocal whether the broker withholds this client's own publishes from the subscription
 * @param retainHandling when the broker sends retained messages on subscribe
 * @param retainAsPublished whether forwarded messages keep the retain flag they were published with
 * @author mqtt-spring-boot-starter
 * @since 0.1.0
 */
public record SubscriptionOptions(boolean noLocal, RetainHandling retainHandling, boolean retainAsPublished) {

	/** The MQTT defaults: local messages delivered, retained messages sent, retain flag cleared. */
	public static final SubscriptionOptions DEFAULTS = new SubscriptionOptions(false, RetainHandling.SEND, false);

	/**
	 * Creates subscription options.
	 * @param noLocal whether the broker withholds this client's own publishes
	 * @param retainHandling when the broker sends retained messages on subscribe
	 * @param retainAsPublished whether forwarded messages keep their retain flag
	 */
	public SubscriptionOptions {
		Assert.notNull(retainHandling, "'retainHandling' must not be null");
	}

	/**
	 * Returns whether any option differs from the MQTT default.
	 * @return {@code true} if any option differs from the MQTT default
	 */
	public boolean isDefault() {
		return equals(DEFAULTS);
	}

}
