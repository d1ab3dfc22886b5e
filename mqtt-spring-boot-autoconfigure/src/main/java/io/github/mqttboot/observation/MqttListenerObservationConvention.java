package io.github.mqttboot.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * The names and tags of the observations of listener invocations. A bean of this type replaces
 * the defaults of {@link DefaultMqttListenerObservationConvention}, usually by extending it.
 *
 * @author mqtt-spring-boot-starter
 * @since 0.1.0
 */
public interface MqttListenerObservationConvention extends ObservationConvention<MqttListenerObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof MqttListenerObservationContext;
	}

}
