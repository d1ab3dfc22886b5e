package io.github.mqttboot.observation;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import io.github.mqttboot.client.MqttMessageProperties;
import io.github.mqttboot.client.MqttPublishInterceptor;
import io.github.mqttboot.client.OffloadingFuture;
import io.github.mqttboot.client.OutboundMessage;
import io.github.mqttboot.client.PublishResult;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

/**
 * Observes every publish of a client, from the call to its acknowledgement: the
 * {@code mqtt.publish} timer and the producer span come from one measurement, and the trace
 * context travels in the message's MQTT 5 user properties.
 *
 * @author mqtt-spring-boot-starter
 * @since 0.1.0
 */
public class MqttPublishObservationInterceptor implements MqttPublishInterceptor {

	private final String clientName;

	private final ObservationRegistry registry;

	private final MqttPublishObservationConvention convention;

	/**
	 * Creates the observation of a client's publishes.
	 * @param clientName the name of the client, the {@code client} tag
	 * @param registry the registry
	 * @param convention the application's convention, or {@code null} for the default
	 */
	public MqttPublishObservationInterceptor(String clientName, ObservationRegistry registry,
			MqttPublishObservationConvention convention) {
		this.clientName = clientName;
		this.registry = registry;
		this.convention = convention;
	}

	@Override
	public CompletableFuture<PublishResult> publish(OutboundMessage message,
			Function<OutboundMessage, CompletableFuture<PublishResult>> next) {
		MqttMessageProperties properties = message.properties();
		Map<String, String> userProperties = new LinkedHashMap<>(properties.userProperties());
		Observation observation = MqttObservations.startPublish(this.registry, this.convention,
				new MqttPublishObservationContext(this.clientName, message.topic(), message.qos(), userProperties));
		CompletableFuture<PublishResult> result;
		try {
			result = next.apply(new OutboundMessage(message.topic(), message.payload(), message.qos(),
					message.retained(),
					new MqttMessageProperties(properties.contentType(), properties.responseTopic(),
							properties.correlationData(), userProperties, properties.messageExpiry(),
							properties.payloadFormatUtf8())));
		}
		catch (RuntimeException ex) {
			observation.error(ex);
			observation.stop();
			throw ex;
		}
		// stopping the observation never blocks: no thread hop for it
		return OffloadingFuture.whenCompleteInline(result, (done, failure) -> {
			if (failure != null) {
				observation.error(failure);
			}
			observation.stop();
		});
	}

}
