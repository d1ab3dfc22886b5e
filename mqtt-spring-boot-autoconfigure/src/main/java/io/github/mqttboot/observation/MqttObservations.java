package io.github.mqttboot.observation;

import java.util.Map;

import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.observation.transport.SenderContext;

import org.springframework.messaging.Message;

/**
 * Micrometer Observations of publishing and listener handling. The trace context crosses MQTT 5
 * as user properties ({@code traceparent}, ...), so that a consumer's span is a child of the
 * producer's. Named apart from the contract's {@code mqtt.publish} and {@code mqtt.listener}
 * timers, which the starter records itself.
 *
 * @author mqtt-spring-boot-starter
 */
public final class MqttObservations {

	/** Observation of one publish, from the call to its acknowledgement. */
	public static final String PUBLISH = "mqtt.template.publish";

	/** Observation of one listener invocation. */
	public static final String LISTENER = "mqtt.listener.process";

	private MqttObservations() {
	}

	/**
	 * Starts the observation of a publish; the trace context goes into the user properties.
	 * @param registry the registry
	 * @param topic the topic
	 * @param qos the QoS
	 * @param userProperties the message's user properties, written into
	 * @return the started observation
	 */
	public static Observation startPublish(ObservationRegistry registry, String topic, int qos,
			Map<String, String> userProperties) {
		SenderContext<Map<String, String>> context = new SenderContext<>(
				(carrier, key, value) -> carrier.put(key, value), Kind.PRODUCER);
		context.setCarrier(userProperties);
		context.setRemoteServiceName("mqtt");
		return Observation.createNotStarted(PUBLISH, () -> context, registry)
			.contextualName(topic + " send")
			.lowCardinalityKeyValues(KeyValues.of("messaging.system", "mqtt", "mqtt.qos", String.valueOf(qos)))
			.highCardinalityKeyValue("messaging.destination.name", topic)
			.start();
	}

	/**
	 * Creates the observation of a listener invocation, a child of the producer's trace when the
	 * message carries one.
	 * @param registry the registry
	 * @param listenerId the listener
	 * @param message the message the listener receives
	 * @return the observation, not started
	 */
	public static Observation listener(ObservationRegistry registry, String listenerId, Message<byte[]> message) {
		ReceiverContext<Message<byte[]>> context = new ReceiverContext<>((carrier, key) -> {
			Object value = carrier.getHeaders().get(key);
			return (value != null) ? value.toString() : null;
		}, Kind.CONSUMER);
		context.setCarrier(message);
		context.setRemoteServiceName("mqtt");
		Object topic = message.getHeaders().get("mqtt_receivedTopic");
		return Observation.createNotStarted(LISTENER, () -> context, registry)
			.contextualName(listenerId + " receive")
			.lowCardinalityKeyValues(KeyValues.of("messaging.system", "mqtt", "mqtt.listener", listenerId))
			.highCardinalityKeyValue("messaging.destination.name", String.valueOf(topic));
	}

}
