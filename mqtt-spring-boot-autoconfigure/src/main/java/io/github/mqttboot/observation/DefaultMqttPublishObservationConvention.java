package io.github.mqttboot.observation;

import io.micrometer.common.KeyValues;

/**
 * The default names and tags of the observations of publishes: the name {@code mqtt.publish}, the
 * timer that Micrometer derives from it tagged with {@code client}, {@code qos} and
 * {@code outcome} as the timer recorded without observations; the span named
 * {@code <topic> send} with the OpenTelemetry messaging attributes.
 *
 * @author mqtt-spring-boot-starter
 * @since 0.1.0
 */
public class DefaultMqttPublishObservationConvention implements MqttPublishObservationConvention {

	/** The shared instance. */
	public static final DefaultMqttPublishObservationConvention INSTANCE = new DefaultMqttPublishObservationConvention();

	private static final String[] QOS = { "0", "1", "2" };

	/**
	 * Creates the convention; extend it to change a part.
	 */
	public DefaultMqttPublishObservationConvention() {
	}

	@Override
	public String getName() {
		return MqttObservations.PUBLISH;
	}

	@Override
	public String getContextualName(MqttPublishObservationContext context) {
		return context.getTopic() + " send";
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(MqttPublishObservationContext context) {
		return KeyValues.of("client", context.getClientName(), "outcome", MqttObservations.outcome(context), "qos",
				QOS[context.getQos()]);
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(MqttPublishObservationContext context) {
		return KeyValues.of("messaging.destination.name", context.getTopic(), "messaging.system", "mqtt");
	}

}
