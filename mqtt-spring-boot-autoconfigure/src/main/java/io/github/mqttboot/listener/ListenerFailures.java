package io.github.mqttboot.listener;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import io.github.mqttboot.client.ManagedMqttClient;
import io.github.mqttboot.client.MqttMessageProperties;
import io.github.mqttboot.client.OutboundMessage;
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

	private static final MqttListenerErrorHandler LOGGING = (message, exception) -> logger
		.error(exception.getMessage(), exception.getCause());

	private final ManagedMqttClient client;

	private final Function<String, MqttListenerErrorHandler> handlers;

	ListenerFailures(ManagedMqttClient client, Function<String, MqttListenerErrorHandler> handlers) {
		this.client = client;
		this.handlers = handlers;
	}

	void handle(MqttListenerEndpoint endpoint, Message<byte[]> message, Exception failure) {
		String topic = message.getHeaders().get(MqttHeaderNames.RECEIVED_TOPIC, String.class);
		MqttListenerException exception = (failure instanceof MqttListenerException listenerException)
				? listenerException : new MqttListenerException(endpoint.id(), topic, describe(failure), failure);
		MqttListenerErrorHandler handler = (endpoint.errorHandler() != null) ? this.handlers.apply(endpoint.errorHandler())
				: LOGGING;
		try {
			handler.handleError(message, exception);
		}
		catch (RuntimeException ex) {
			logger.error("Error handler of listener '" + endpoint.id() + "' failed", ex);
		}
		if (endpoint.deadLetterTopic() != null) {
			deadLetter(endpoint, message, exception);
		}
	}

	private void deadLetter(MqttListenerEndpoint endpoint, Message<byte[]> message, MqttListenerException exception) {
		MessageHeaders headers = message.getHeaders();
		Map<String, String> user = new LinkedHashMap<>();
		user.put(MqttHeaderNames.ERROR, truncate(exception.getMessage()));
		user.put(MqttHeaderNames.ORIGINAL_TOPIC, String.valueOf(headers.get(MqttHeaderNames.RECEIVED_TOPIC)));
		user.put("mqtt_listener", endpoint.id());
		String contentType = headers.get(MessageHeaders.CONTENT_TYPE, String.class);
		Integer qos = headers.get(MqttHeaderNames.RECEIVED_QOS, Integer.class);
		this.client
			.publish(new OutboundMessage(endpoint.deadLetterTopic(), message.getPayload(), (qos != null) ? qos : 1,
					false, new MqttMessageProperties(contentType, null, null, user)))
			.whenComplete((done, failure) -> {
				if (failure != null) {
					logger.error("Dead letter of listener '" + endpoint.id() + "' was not published to '"
							+ endpoint.deadLetterTopic() + "': " + failure.getMessage());
				}
			});
	}

	private static String describe(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null && cause.getCause() != cause
				&& cause instanceof java.lang.reflect.InvocationTargetException) {
			cause = cause.getCause();
		}
		return cause.getClass().getSimpleName() + ": " + cause.getMessage();
	}

	private static String truncate(String text) {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		return (bytes.length <= 1024) ? text : text.substring(0, 1000) + "...";
	}

}
