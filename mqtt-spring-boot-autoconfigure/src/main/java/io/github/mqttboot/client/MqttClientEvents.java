package io.github.mqttboot.client;

/**
 * Callbacks for what a client does, for meters and observers. Called on the client's threads:
 * implementations must be quick and must not throw.
 *
 * @author mqtt-spring-boot-starter
 * @since 0.1.0
 */
public interface MqttClientEvents {

	/**
	 * A connection attempt ended.
	 * @param success whether the broker accepted it
	 */
	default void connectAttempt(boolean success) {
	}

	/**
	 * An established connection was lost.
	 */
	default void connectionLost() {
	}

	/**
	 * The broker answered a SUBSCRIBE for a filter.
	 * @param filter the topic filter
	 * @param reasonCode the SUBACK reason code: the granted QoS, or 0x80 and more for a refusal
	 */
	default void subscribed(String filter, int reasonCode) {
	}

	/**
	 * A publish ended.
	 * @param qos its QoS
	 * @param success whether it was delivered
	 * @param nanos from the call to its acknowledgement
	 */
	default void published(int qos, boolean success, long nanos) {
	}

}
