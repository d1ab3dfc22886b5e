package io.github.mqttboot.core;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.github.mqttboot.client.ManagedMqttClient;
import io.github.mqttboot.client.MqttMessageProperties;
import io.github.mqttboot.client.MqttPublishInterceptor;
import io.github.mqttboot.client.OutboundMessage;
import io.github.mqttboot.client.PublishResult;
import io.github.mqttboot.observation.MqttPublishObservationConvention;
import io.github.mqttboot.observation.MqttPublishObservationInterceptor;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.messaging.Message;

/**
 * Publishes objects through a {@link ManagedMqttClient}. Every call returns at once; the future
 * completes when the broker acknowledged the message (QoS 0: when written), also when the client
 * had to reconnect first, and fails with a clear exception when the buffer is full, the client
 * stopped, or the broker refused the message.
 *
 * @author mqtt-spring-boot-starter
 * @since 0.1.0
 */
public class MqttTemplate {

	private final ManagedMqttClient client;

	private final MqttPayloadConverter converter;

	private final int defaultQos;

	private final RequestReplies requestReplies;

	private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

	private MqttPublishObservationConvention observationConvention;

	/** Observes this template's publishes; {@code null} when the registry is a no-op. */
	private MqttPublishInterceptor observation;

	/**
	 * Creates a template.
	 * @param client the client to publish through
	 * @param converter converts payloads to bytes
	 * @param defaultQos the QoS of publishes that do not name one
	 */
	public MqttTemplate(ManagedMqttClient client, MqttPayloadConverter converter, int defaultQos) {
		this.client = client;
		this.converter = converter;
		this.defaultQos = defaultQos;
		this.requestReplies = new RequestReplies(client,
				(topic, payload, qos, options) -> send(topic, payload, qos, false, options));
	}

	/**
	 * Publishes with the default QoS ({@code mqtt.publish.default-qos}), not retained.
	 * @param topic the topic
	 * @param payload {@code byte[]}, {@code String} or any object written as JSON
	 * @return the outcome
	 */
	public CompletableFuture<PublishResult> publish(String topic, Object payload) {
		return publish(topic, payload, this.defaultQos, false);
	}

	/**
	 * Publishes a message.
	 * @param topic the topic
	 * @param payload {@code byte[]}, {@code String} or any object written as JSON
	 * @param qos 0, 1 or 2
	 * @param retained whether the broker retains it
	 * @return the outcome
	 */
	public CompletableFuture<PublishResult> publish(String topic, Object payload, int qos, boolean retained) {
		MqttPayloadConverter.Payload converted;
		try {
			converted = this.converter.toPayload(payload);
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		// no map, no builder
		MqttMessageProperties properties = (converted.contentType() != null)
				? new MqttMessageProperties(converted.contentType(), null, null, null) : MqttMessageProperties.NONE;
		return send(new OutboundMessage(topic, converted.bytes(), qos, retained, properties));
	}

	/**
	 * Publishes a message with MQTT 5 properties: message expiry, user properties, content type,
	 * payload format indicator, response topic, correlation data. With MQTT 3.1.1 the future
	 * fails with {@link UnsupportedOperationException} if any of them is set.
	 * @param topic the topic
	 * @param payload {@code byte[]}, {@code String} or any object written as JSON
	 * @param options QoS, retain flag and properties
	 * @return the outcome
	 */
	public CompletableFuture<PublishResult> publish(String topic, Object payload, MqttPublishOptions options) {
		if (options.hasMqtt5Properties() && this.client.getSettings().getProtocolVersion() != 5) {
			return CompletableFuture.failedFuture(new UnsupportedOperationException("MQTT 3.1.1 cannot carry the MQTT "
					+ "5 properties of this publish to '" + topic + "' (mqtt.protocol-version is 3): publish "
					+ "without them, or use mqtt.protocol-version 5"));
		}
		MqttPayloadConverter.Payload converted;
		try {
			converted = this.converter.toPayload(payload);
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		int qos = (options.getQos() != null) ? options.getQos() : this.defaultQos;
		return send(topic, converted, qos, options.isRetained(), options);
	}

	/**
	 * Publishes a Spring {@link Message}: its payload converted as for
	 * {@link #publish(String, Object)}, its headers mapped with Spring Integration's
	 * {@code MqttHeaders} names: {@code mqtt_topic} (required), {@code mqtt_qos},
	 * {@code mqtt_retained}, {@code mqtt_messageExpiryInterval} (seconds),
	 * {@code mqtt_responseTopic}, {@code mqtt_correlationData}, {@code contentType}, and the
	 * starter's {@code mqtt_userProperties} (a map).
	 * @param message the message
	 * @return the outcome
	 */
	public CompletableFuture<PublishResult> publish(Message<?> message) {
		String topic;
		MqttPublishOptions options;
		try {
			topic = MessagePublishing.topic(message);
			options = MessagePublishing.options(message);
		}
		catch (IllegalArgumentException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		return publish(topic, message.getPayload(), options);
	}

	private CompletableFuture<PublishResult> send(String topic, MqttPayloadConverter.Payload converted, int qos,
			boolean retained, MqttPublishOptions options) {
		String contentType = (options.getContentType() != null) ? options.getContentType() : converted.contentType();
		MqttMessageProperties properties = new MqttMessageProperties(contentType, options.getResponseTopic(),
				options.getCorrelationData(), options.getUserProperties(), options.getMessageExpiry(),
				options.getPayloadFormatUtf8());
		return send(new OutboundMessage(topic, converted.bytes(), qos, retained, properties));
	}

	private CompletableFuture<PublishResult> send(OutboundMessage message) {
		MqttPublishInterceptor observed = this.observation;
		return (observed != null) ? observed.publish(message, this.client::publish) : this.client.publish(message);
	}

	/**
	 * Sets the registry of the Micrometer Observations of this template's publishes; with a
	 * tracer, the trace context travels as MQTT 5 user properties. Only for a client that does not
	 * observe its publishes itself: the auto-configured clients observe every publish when
	 * observations are on ({@link io.github.mqttboot.client.MqttClientSettings#setPublishInterceptor}),
	 * and a publish observed twice is timed twice.
	 * @param observationRegistry the registry
	 */
	public void setObservationRegistry(ObservationRegistry observationRegistry) {
		this.observationRegistry = observationRegistry;
		observeWith(observationRegistry, this.observationConvention);
	}

	/**
	 * Sets the names and tags of the observations of publishes, instead of
	 * {@link io.github.mqttboot.observation.DefaultMqttPublishObservationConvention}.
	 * @param observationConvention the convention, or {@code null} for the default
	 */
	public void setObservationConvention(MqttPublishObservationConvention observationConvention) {
		this.observationConvention = observationConvention;
		observeWith(this.observationRegistry, observationConvention);
	}

	private void observeWith(ObservationRegistry registry, MqttPublishObservationConvention convention) {
		this.observation = registry.isNoop() ? null
				: new MqttPublishObservationInterceptor(this.client.getName(), registry, convention);
	}

	/**
	 * Sends an MQTT 5 request (response topic and correlation data set) and completes with the
	 * reply's payload. A listener without {@code @SendTo} answers such requests by returning a
	 * value. With MQTT 3.1.1 the future fails with {@link UnsupportedOperationException}.
	 * @param topic the topic of the request
	 * @param payload {@code byte[]}, {@code String} or any object written as JSON
	 * @param timeout how long to wait for the reply; the future then fails with a
	 * {@link java.util.concurrent.TimeoutException}
	 * @return the reply's payload
	 */
	public CompletableFuture<byte[]> request(String topic, Object payload, Duration timeout) {
		return request(topic, payload, byte[].class, timeout);
	}

	/**
	 * Sends an MQTT 5 request and completes with the reply converted to the given type.
	 * @param <T> the reply type
	 * @param topic the topic of the request
	 * @param payload {@code byte[]}, {@code String} or any object written as JSON
	 * @param replyType {@code byte[]}, {@code String} or any JSON-mappable type
	 * @param timeout how long to wait for the reply
	 * @return the reply
	 */
	public <T> CompletableFuture<T> request(String topic, Object payload, Class<T> replyType, Duration timeout) {
		MqttPayloadConverter.Payload converted;
		try {
			converted = this.converter.toPayload(payload);
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		CompletableFuture<byte[]> reply = this.requestReplies.request(topic, converted, this.defaultQos, timeout);
		if (replyType == byte[].class || replyType == Object.class) {
			// bytes need no conversion: the caller is woken by the reply itself, without a thread hop
			@SuppressWarnings("unchecked")
			CompletableFuture<T> bytes = (CompletableFuture<T>) reply;
			return bytes;
		}
		return reply.thenApply((bytes) -> replyType.cast(this.converter.fromPayload(bytes, replyType)));
	}

	/**
	 * Returns the client this template publishes through.
	 * @return the client
	 */
	public ManagedMqttClient getClient() {
		return this.client;
	}

}
