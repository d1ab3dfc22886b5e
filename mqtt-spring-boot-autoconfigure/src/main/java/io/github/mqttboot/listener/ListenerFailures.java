package io.github.mqttboot.listener;

import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.github.mqttboot.client.ManagedMqttClient;
import io.github.mqttboot.client.MqttMessageProperties;
import io.github.mqttboot.client.OffloadingFuture;
import io.github.mqttboot.client.OutboundMessage;
import io.github.mqttboot.client.PublishResult;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;

/**
 * Routes a listener's failure to its error handler (by default: log) and, when a dead-letter
 * topic is set, re-publishes the message there with the error as a user property.
 *
 * @author mqtt-spring-boot-starter
 */
final class ListenerFailures {

	private static final Log logger = LogFactory.getLog(ListenerFailures.class);

	private final ManagedMqttClient client;

	private final MqttListenerErrorHandler handler;

	/**
	 * Creates the failure path of one listener.
	 * @param client publishes dead letters
	 * @param handler the listener's error handler, or {@code null} to log (one ERROR a minute)
	 */
	ListenerFailures(ManagedMqttClient client, MqttListenerErrorHandler handler) {
		this.client = client;
		this.handler = (handler != null) ? handler : new ThrottledFailureLog();
	}

	/**
	 * Hands a failure to the error handler and the dead-letter topic. Whatever either throws is
	 * logged and contained: the worker takes the next message.
	 */
	void handle(MqttListenerEndpoint endpoint, Message<byte[]> message, Throwable failure, int attempts) {
		String topic = message.getHeaders().get(MqttHeaderNames.RECEIVED_TOPIC, String.class);
		MqttListenerException exception = (failure instanceof MqttListenerException listenerException)
				? listenerException
				: new MqttListenerException(endpoint.id(), topic, describe(failure), failure, attempts);
		try {
			this.handler.handleError(message, exception);
		}
		catch (OutOfMemoryError ex) {
			throw ex;
		}
		catch (Throwable ex) {
			logger.error("Error handler of listener '" + endpoint.id() + "' failed", ex);
		}
		if (endpoint.deadLetterTopic() != null) {
			try {
				deadLetter(endpoint, message, exception);
			}
			catch (RuntimeException ex) {
				logger.error("Dead letter of listener '" + endpoint.id() + "' was not published to '"
						+ endpoint.deadLetterTopic() + "': " + ex.getMessage());
			}
		}
	}

	private void deadLetter(MqttListenerEndpoint endpoint, Message<byte[]> message, MqttListenerException exception) {
		MessageHeaders headers = message.getHeaders();
		Map<String, String> user = new LinkedHashMap<>();
		user.put(MqttHeaderNames.ERROR, truncate(exception.getMessage()));
		user.put(MqttHeaderNames.ORIGINAL_TOPIC, String.valueOf(headers.get(MqttHeaderNames.RECEIVED_TOPIC)));
		user.put("mqtt_listener", endpoint.id());
		user.put(MqttHeaderNames.ATTEMPTS, String.valueOf(exception.getAttempts()));
		String contentType = headers.get(MessageHeaders.CONTENT_TYPE, String.class);
		Integer qos = headers.get(MqttHeaderNames.RECEIVED_QOS, Integer.class);
		CompletableFuture<PublishResult> published = this.client.publish(new OutboundMessage(
				endpoint.deadLetterTopic(), message.getPayload(), (qos != null) ? qos : 1, false,
				new MqttMessageProperties(contentType, null, null, user)));
		// a failure is only logged: no thread hop for it
		OffloadingFuture.whenCompleteInline(published, (done, failure) -> {
			if (failure != null) {
				logger.error("Dead letter of listener '" + endpoint.id() + "' was not published to '"
						+ endpoint.deadLetterTopic() + "': " + failure.getMessage());
			}
		});
	}

	private static String describe(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null && cause.getCause() != cause && cause instanceof InvocationTargetException) {
			cause = cause.getCause();
		}
		return cause.getClass().getSimpleName() + ": " + cause.getMessage();
	}

	private static String truncate(String text) {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		return (bytes.length <= 1024) ? text : text.substring(0, 1000) + "...";
	}

}
