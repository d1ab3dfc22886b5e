package io.github.mqttboot.client;

/**
 * Whether the broker sends retained messages when a subscription is made (MQTT 5 retain
 * handling). The client subscribes again on every reconnect, so with {@link #SEND} each
 * reconnect replays the retained messages.
 *
 * @author mqtt-spring-boot-starter
 * @since 0.1.0
 */
public enum RetainHandling {

	/** Send retained messages on every subscribe (0), the MQTT default. */
	SEND(0),

	/** Send them only if the subscription did not exist yet (1): once per persistent session. */
	SEND_IF_NEW(1),

	/** Never send retained messages on subscribe (2). */
	DONT_SEND(2);

	private final int code;

	RetainHandling(int code) {
		this.code = code;
	}

	/**
	 * Returns the value of the retain handling option in SUBSCRIBE.
	 * @return the value of the retain handling option in SUBSCRIBE
	 */
	public int code() {
		return this.code;
	}

}
