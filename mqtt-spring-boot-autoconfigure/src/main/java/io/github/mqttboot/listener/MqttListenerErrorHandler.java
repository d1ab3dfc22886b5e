package io.github.mqttboot.listener;

import org.springframework.messaging.Message;

/**
 * Handles what a listener method could not: an exception it threw, or a message that could not
 * be converted or validated. The message is acknowledged after the handler returns, so a poison
 * message never loops.
 *
 * @author mqtt-spring-boot-starter
 * @since 0.1.0
 */
@FunctionalInterface
public interface MqttListenerErrorHandler {

	/**
	 * Handles a failure.
	 * @param message the message as the listener would have received it (payload bytes)
	 * @param exception what went wrong, with the listener's id
	 */
	void handleError(Message<byte[]> message, MqttListenerException exception);

}
