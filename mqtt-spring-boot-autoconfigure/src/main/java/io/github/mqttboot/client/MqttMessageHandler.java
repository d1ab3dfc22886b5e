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
	 * Handles one message. An exception is logged and the message acknowledged: it never drops
	 * the connection.
	 * @param message the message
	 * @throws Exception on failure
	 */
	void handle(InboundMessage message) throws Exception;

}
