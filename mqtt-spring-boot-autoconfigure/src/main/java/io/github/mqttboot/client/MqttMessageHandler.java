package io.github.mqttboot.client;

/**
 * Receives the messages of a subscription. Runs on the driver's reading thread: a handler that
 * takes time hands the message off after {@link InboundMessage#retain() retaining} it, and
 * {@link InboundMessage#release() releases} it when done, which acknowledges it.
 *
 * @author mqtt-spring-boot-starter
 * @since 0.1.0
 */
@FunctionalInterface
public interface MqttMessageHandler {

	/**
	 * Handles one message. What it throws (an {@code Error} too) is logged and the message
	 * acknowledged: it never drops the connection.
	 * @param message the message
	 * @throws Exception on failure
	 */
	void handle(InboundMessage message) throws Exception;

	/**
	 * Learns of a QoS 0 message for this subscription that the driver dropped instead of
	 * handing it to {@link #handle}: it arrived while the client's handlers lagged by more
	 * messages than the driver holds for them. Only a driver that keeps reading while handlers
	 * lag drops (the HiveMQ driver, beyond 65,535 messages); by default, nothing is done.
	 * @param message the message, already acknowledged
	 */
	default void dropped(InboundMessage message) {
	}

}
