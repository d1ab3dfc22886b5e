package io.github.mqttboot.autoconfigure.metrics;

import io.github.mqttboot.autoconfigure.MqttAutoConfiguration;
import io.github.mqttboot.autoconfigure.MqttObservationSupport;
import io.github.mqttboot.autoconfigure.MqttProperties;
import io.github.mqttboot.client.ManagedMqttClient;
import io.github.mqttboot.listener.MqttListenerEndpointRegistry;
import io.github.mqttboot.metrics.MqttClientMetrics;
import io.github.mqttboot.metrics.MqttListenerMetrics;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Auto-configuration of the client's Micrometer meters: thread and pending-work gauges that make
 * a leak visible on a dashboard, connection and publish counters; tagged {@code client=<name>}, one set
 * per client.
 *
 * @author mqtt-spring-boot-starter
 */
@AutoConfiguration(after = MqttAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(ManagedMqttClient.class)
@Import(NamedClientMetricsRegistrar.class)
public final class MqttMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MqttClientMetrics mqttClientMetrics(ManagedMqttClient client, MqttProperties properties,
			ListableBeanFactory beanFactory) {
		return new MqttClientMetrics(client, !observed(properties, beanFactory));
	}

	@Bean
	@ConditionalOnMissingBean
	MqttListenerMetrics mqttListenerMetrics(ManagedMqttClient client,
			ObjectProvider<MqttListenerEndpointRegistry> registry, MqttProperties properties,
			ListableBeanFactory beanFactory) {
		// looked up when a gauge is read: the registry itself depends on these meters
		return new MqttListenerMetrics(client, (id) -> {
			MqttListenerEndpointRegistry listeners = registry.getIfAvailable();
			return (listeners != null) ? listeners.getListenerContainer(id) : null;
		}, !observed(properties, beanFactory));
	}

	/** Observations record the timers themselves: each message is timed once. */
	private static boolean observed(MqttProperties properties, ListableBeanFactory beanFactory) {
		return MqttObservationSupport.observationRegistry(properties, beanFactory) != null;
	}

}
