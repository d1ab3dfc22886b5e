package io.github.mqttboot.autoconfigure;

import io.github.mqttboot.client.MqttPublishInterceptor;
import io.github.mqttboot.observation.MqttPublishObservationConvention;
import io.github.mqttboot.observation.MqttPublishObservationInterceptor;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.util.ClassUtils;

/**
 * Decides once for every part of the starter whether publishes and listener calls are observed:
 * {@code mqtt.observation.enabled} when set, else only when the application traces. An
 * observation costs a context, a map of tags and a timer lookup per message; without a tracer
 * it gives nothing the starter's own timers do not, so it pays only where spans are wanted.
 *
 * @author mqtt-spring-boot-starter
 */
public final class MqttObservationSupport {

	private static final boolean TRACING_PRESENT = ClassUtils.isPresent("io.micrometer.tracing.Tracer",
			MqttObservationSupport.class.getClassLoader());

	private MqttObservationSupport() {
	}

	/**
	 * Returns the registry to observe with, or {@code null} when nothing is observed and the
	 * starter's meters time each message themselves.
	 * @param properties the {@code mqtt.*} properties
	 * @param beanFactory where to look for the observation registry and a tracer
	 * @return the registry, or {@code null}
	 */
	public static ObservationRegistry observationRegistry(MqttProperties properties, ListableBeanFactory beanFactory) {
		Boolean enabled = properties.getObservation().getEnabled();
		if (Boolean.FALSE.equals(enabled) || (enabled == null && !tracing(beanFactory))) {
			return null;
		}
		ObservationRegistry registry = beanFactory.getBeanProvider(ObservationRegistry.class).getIfUnique();
		return (registry != null && !registry.isNoop()) ? registry : null;
	}

	/**
	 * Returns the observation of every publish of a client, or {@code null} when nothing is
	 * observed.
	 * @param clientName the client's name
	 * @param properties the client's {@code mqtt.*} properties
	 * @param beanFactory where to look for the observation registry, a tracer and a convention
	 * @return the interceptor that observes the client's publishes, or {@code null}
	 */
	public static MqttPublishInterceptor publishObservation(String clientName, MqttProperties properties,
			ListableBeanFactory beanFactory) {
		ObservationRegistry registry = observationRegistry(properties, beanFactory);
		return (registry != null) ? new MqttPublishObservationInterceptor(clientName, registry,
				beanFactory.getBeanProvider(MqttPublishObservationConvention.class).getIfUnique()) : null;
	}

	private static boolean tracing(ListableBeanFactory beanFactory) {
		return TRACING_PRESENT && Tracers.present(beanFactory);
	}

	/** Loaded only when Micrometer Tracing is on the class path. */
	private static final class Tracers {

		static boolean present(ListableBeanFactory beanFactory) {
			// with tracing switched off, Spring Boot still defines the no-op tracer
			return beanFactory.getBeanProvider(Tracer.class).stream().anyMatch((tracer) -> tracer != Tracer.NOOP);
		}

	}

}
