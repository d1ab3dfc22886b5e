package io.github.mqttboot.event;

import io.github.mqttboot.client.ManagedMqttClient;

/**
 * The broker refused a subscription: the client receives nothing from its filter. The client
 * asks again at every reconnect, and publishes this event each time the broker refuses.
 *
 * @author mqtt-spring-boot-starter
 */
public class MqttSubscriptionRefusedEvent extends MqttClientEvent {

	private final String filter;

	private final int reasonCode;

	/**
	 * Creates the event.
	 * @param client the client
	 * @param filter the topic filter
	 * @param reasonCode the SUBACK reason code, 0x80 or more
	 */
	public MqttSubscriptionRefusedEvent(ManagedMqttClient client, String filter, int reasonCode) {
		super(client);
		this.filter = filter;
		this.reasonCode = reasonCode;
	}

	/**
	 * Returns the refused topic filter.
	 * @return the filter
	 */
	public String getFilter() {
		return this.filter;
	}

	/**
	 * Returns the SUBACK reason code: 0x80 (unspecified), 0x87 (not authorized), 0x8F (topic
	 * filter invalid), 0x9E (shared subscriptions not supported), ...
	 * @return the reason code
	 */
	public int getReasonCode() {
		return this.reasonCode;
	}

}
