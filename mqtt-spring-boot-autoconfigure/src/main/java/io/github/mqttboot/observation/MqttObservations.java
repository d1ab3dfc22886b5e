package io.github.mqttboot.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.messaging.Message;

/**
 * Micrometer Observations of publishing and listener handling. They are named like the
 * contract's timers, {@code mqtt.publish} and {@code mqtt.listener}: with observations on,
 * Micrometer's meter handler records those timers from them (one timing per message) and a
 * tracer makes spans of the same measurement. The trace context crosses MQTT 5 as user
 * properties ({@code traceparent}, ...), so that a consumer's span is a child of the producer's.
 *
 * @author mqtt-spring-boot-starter
 * @since 0.1.0
 */
public final class MqttObservations {

	/** The observation of one publish, from the call to its acknowledgement, and its timer. */
	public static final String PUBLISH = "mqtt.publish";

	/** The observation of one listener invocation, and its timer. */
	public static final String LISTENER = "mqtt.listener";

	private MqttObservations() {
	}

	/**
	 * Starts the observation of a publish; the trace context goes into the user properties.
	 * @param registry the registry
	 * @param convention the application's convention, or {@code null} for the default
	 * @param context the publish
	 * @return the started observation
	 */
	public static Observation startPublish(ObservationRegistry registry, MqttPublishObservationConvention convention,
			MqttPublishObservationContext context) {
		return Observation
			.createNotStarted(convention, DefaultMqttPublishObservationConvention.INSTANCE, () -> context, registry)
			.start();
	}

	/**
	 * Creates the observation of a listener invocation, a child of the producer's trace when the
	 * message carries one.
	 * @param registry the registry
	 * @param convention the application's convention, or {@code null} for the default
	 * @param clientName the name of the listener's client
	 * @param listenerId the listener
	 * @param message the message the listener receives
	 * @return the observation, not started
	 */
	public static Observation listener(ObservationRegistry registry, MqttListenerObservationConvention convention,
			String clientName, String listenerId, Message<byte[]> message) {
		Object topic = message.getHeaders().get("mqtt_receivedTopic");
		MqttListenerObservationContext context = new MqttListenerObservationContext(clientName, listenerId,
				(topic != null) ? topic.toString() : null, message);
		return Observation.createNotStarted(convention, DefaultMqttListenerObservationConvention.INSTANCE,
				() -> context, registry);
	}

	/**
	 * Returns the {@code outcome} tag of an observation: {@code failure} once it saw an error.
	 * @param context the observation's context
	 * @return {@code success} or {@code failure}
	 */
	public static String outcome(Observation.Context context) {
		return (context.getError() != null) ? "failure" : "success";
	}

}
