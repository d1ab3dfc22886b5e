package io.github.mqttboot.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * The names and tags of the observations of publishes. A bean of this type replaces the defaults
 * of {@link DefaultMqttPublishObservationConvention}, usually by extending it.
 *
 * @author mqtt-spring-boot-starter
 * @since 0.1.0
 */
public interface MqttPublishObservationConvention extends ObservationConvention<MqttPublishObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof MqttPublishObservationContext;
	}

}
