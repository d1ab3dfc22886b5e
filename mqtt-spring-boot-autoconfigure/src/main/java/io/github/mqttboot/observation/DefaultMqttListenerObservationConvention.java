package io.github.mqttboot.observation;

import io.micrometer.common.KeyValues;

/**
 * The default names and tags of the observations of listener invocations: the name
 * {@code mqtt.listener}, the timer that Micrometer derives from it tagged with {@code client},
 * {@code listener} and {@code outcome} as the timer recorded without observations; the span
 * named {@code <listener id> receive} with the OpenTelemetry messaging attributes.
 *
 * @author mqtt-spring-boot-starter
 * @since 0.1.0
 */
public class DefaultMqttListenerObservationConvention implements MqttListenerObservationConvention {

	/** The shared instance. */
	public static final DefaultMqttListenerObservationConvention INSTANCE = new DefaultMqttListenerObservationConvention();

	/**
	 * Creates the convention; extend it to change a part.
	 */
	public DefaultMqttListenerObservationConvention() {
	}

	@Override
	public String getName() {
		return MqttObservations.LISTENER;
	}

	@Override
	public String getContextualName(MqttListenerObservationContext context) {
		return context.getListenerId() + " receive";
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(MqttListenerObservationContext context) {
		return KeyValues.of("client", context.getClientName(), "listener", context.getListenerId(), "outcome",
				MqttObservations.outcome(context));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(MqttListenerObservationContext context) {
		return KeyValues.of("messaging.destination.name", String.valueOf(context.getTopic()), "messaging.system",
				"mqtt");
	}

}
