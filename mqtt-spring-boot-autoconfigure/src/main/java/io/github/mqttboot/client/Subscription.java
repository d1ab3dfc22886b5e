package io.github.mqttboot.client;

/**
 * A subscription held by a {@link ManagedMqttClient}: it is restored after every reconnect until
 * it is unsubscribed. The reason code of its last SUBACK is the one record of whether the
 * broker refused it.
 *
 * @author mqtt-spring-boot-starter
 * @since 0.1.0
 */
public final class Subscription {

	private final String filter;

	private final int qos;

	private final MqttMessageHandler handler;

	private final SubscriptionOptions options;

	private volatile int reasonCode = -1;

	Subscription(String filter, int qos, SubscriptionOptions options, MqttMessageHandler handler) {
		this.filter = filter;
		this.qos = qos;
		this.options = options;
		this.handler = handler;
	}

	/**
	 * Returns the topic filter, as subscribed (a shared one with its {@code $share/} prefix).
	 * @return the filter
	 */
	public String filter() {
		return this.filter;
	}

	/**
	 * Returns the maximum QoS asked for.
	 * @return 0, 1 or 2
	 */
	public int qos() {
		return this.qos;
	}

	/**
	 * Returns the MQTT 5 subscription options, asked for on every subscribe.
	 * @return the MQTT 5 subscription options, asked for on every subscribe
	 */
	public SubscriptionOptions options() {
		return this.options;
	}

	MqttMessageHandler handler() {
		return this.handler;
	}

	/**
	 * Returns the reason code of the broker's last SUBACK for this filter, or -1 before any.
	 * Codes of 0x80 and more are refusals.
	 * @return the reason code
	 */
	public int reasonCode() {
		return this.reasonCode;
	}

	/**
	 * Returns whether the broker refused this filter in its last SUBACK.
	 * @return whether it is refused
	 */
	public boolean isRefused() {
		return this.reasonCode >= 0x80;
	}

	void reasonCode(int reasonCode) {
		this.reasonCode = reasonCode;
	}

	@Override
	public String toString() {
		return "Subscription[" + this.filter + ", qos " + this.qos + "]";
	}

}
