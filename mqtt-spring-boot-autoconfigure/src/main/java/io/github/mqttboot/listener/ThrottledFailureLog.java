package io.github.mqttboot.listener;

import io.github.mqttboot.client.OncePerMinute;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.messaging.Message;

/**
 * The default error handler of one listener: one ERROR with the stack trace a minute, with the
 * number of failures left out since the last one, so that a stream of poison messages cannot
 * flood the log. Every failure is still counted by the {@code mqtt.listener} timer.
 *
 * @author mqtt-spring-boot-starter
 */
final class ThrottledFailureLog implements MqttListenerErrorHandler {

	private static final Log logger = LogFactory.getLog(ListenerFailures.class);

	private final OncePerMinute failures = new OncePerMinute();

	@Override
	public void handleError(Message<byte[]> message, MqttListenerException exception) {
		long failed = this.failures.occurred();
		if (failed == 0) {
			return;
		}
		long skipped = failed - 1;
		logger.error(exception.getMessage() + ((skipped > 0) ? " (" + skipped
				+ " more failure(s) of this listener in the last minute were not logged; the mqtt.listener "
				+ "timer with outcome=failure counts them all)" : ""), exception.getCause());
	}

}
