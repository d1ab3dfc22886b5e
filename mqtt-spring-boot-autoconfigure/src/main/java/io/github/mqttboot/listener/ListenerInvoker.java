package io.github.mqttboot.listener;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.github.mqttboot.client.InboundMessage;
import io.github.mqttboot.client.ManagedMqttClient;
import io.github.mqttboot.client.MqttMessageProperties;
import io.github.mqttboot.client.OffloadingFuture;
import io.github.mqttboot.client.OutboundMessage;
import io.github.mqttboot.client.PublishResult;
import io.github.mqttboot.core.MqttPayloadConverter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.handler.invocation.InvocableHandlerMethod;
import org.springframework.messaging.support.GenericMessage;

/**
 * Calls one listener method with a message and publishes what it returns.
 *
 * @author mqtt-spring-boot-starter
 */
final class ListenerInvoker {

	private static final Log logger = LogFactory.getLog(ListenerInvoker.class);

	private final MqttListenerEndpoint endpoint;

	private final InvocableHandlerMethod handlerMethod;

	private final ManagedMqttClient client;

	private final MqttPayloadConverter converter;

	/** Looked at for every message: an array, no iterator. */
	private final TopicTemplate[] templatesWithVariables;

	ListenerInvoker(MqttListenerEndpoint endpoint, InvocableHandlerMethod handlerMethod, ManagedMqttClient client,
			MqttPayloadConverter converter) {
		this.endpoint = endpoint;
		this.handlerMethod = handlerMethod;
		this.client = client;
		this.converter = converter;
		this.templatesWithVariables = endpoint.topics()
			.stream()
			.filter(TopicTemplate::hasVariables)
			.toArray(TopicTemplate[]::new);
	}

	/**
	 * Builds the Spring message a listener sees: the payload bytes and the MQTT headers.
	 * @param message the inbound message
	 * @return the message
	 */
	Message<byte[]> toMessage(InboundMessage message) {
		MqttMessageHeaders headers = new MqttMessageHeaders();
		MqttMessageProperties properties = message.properties();
		Map<String, String> userProperties = properties.userProperties();
		if (!userProperties.isEmpty()) {
			userProperties.forEach(headers::set);
		}
		headers.set(MqttHeaderNames.RECEIVED_TOPIC, message.topic());
		headers.set(MqttHeaderNames.RECEIVED_QOS, message.qos());
		headers.set(MqttHeaderNames.RECEIVED_RETAINED, message.retained());
		headers.set(MqttHeaderNames.DUPLICATE, message.duplicate());
		headers.set(MqttHeaderNames.ID, message.messageId());
		headers.set(MqttHeaderNames.USER_PROPERTIES, userProperties);
		if (properties.contentType() != null) {
			headers.set(MessageHeaders.CONTENT_TYPE, properties.contentType());
		}
		if (properties.responseTopic() != null) {
			headers.set(MqttHeaderNames.RESPONSE_TOPIC, properties.responseTopic());
		}
		if (properties.correlationData() != null) {
			headers.set(MqttHeaderNames.CORRELATION_DATA, properties.correlationData());
		}
		for (TopicTemplate template : this.templatesWithVariables) {
			if (template.matches(message.topic())) {
				headers.set(MqttHeaderNames.TOPIC_VARIABLES, template.variables(message.topic()));
				break;
			}
		}
		return new GenericMessage<>(message.payload(), headers);
	}

	/**
	 * Calls the method; a return value is published to {@code @SendTo}, or to the request's
	 * response topic with its correlation data.
	 * @param message the message
	 * @throws Exception whatever the method or argument binding threw
	 */
	void invoke(Message<byte[]> message) throws Exception {
		Object result = this.handlerMethod.invoke(message);
		if (result == null) {
			return;
		}
		MessageHeaders headers = message.getHeaders();
		String replyTopic = (this.endpoint.sendTo() != null) ? this.endpoint.sendTo()
				: headers.get(MqttHeaderNames.RESPONSE_TOPIC, String.class);
		if (replyTopic == null) {
			logger.debug("Listener '" + this.endpoint.id() + "' returned a value but has no @SendTo and the "
					+ "message no response topic; the value is dropped");
			return;
		}
		MqttPayloadConverter.Payload payload = this.converter.toPayload(result);
		byte[] correlation = headers.get(MqttHeaderNames.CORRELATION_DATA, byte[].class);
		Integer qos = headers.get(MqttHeaderNames.RECEIVED_QOS, Integer.class);
		OutboundMessage reply = new OutboundMessage(replyTopic, payload.bytes(), (qos != null) ? qos : 1, false,
				new MqttMessageProperties(payload.contentType(), null, correlation, null));
		CompletableFuture<PublishResult> published;
		try {
			published = this.client.publish(reply);
		}
		catch (IllegalArgumentException ex) {
			// the method did its work: a reply the client refuses (a requester's response topic
			// with a wildcard) must not run it again as a retry would
			published = CompletableFuture.failedFuture(ex);
		}
		// a failure is only logged: no thread hop for it
		OffloadingFuture.whenCompleteInline(published, (done, failure) -> {
			if (failure != null) {
				logger.warn("Reply of listener '" + this.endpoint.id() + "' to '" + replyTopic
						+ "' was not published: " + failure.getMessage());
			}
		});
	}

}
