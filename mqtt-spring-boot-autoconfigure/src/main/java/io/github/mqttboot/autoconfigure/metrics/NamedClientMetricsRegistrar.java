package io.github.mqttboot.autoconfigure.metrics;

import io.github.mqttboot.autoconfigure.MqttNamedClients;
import io.github.mqttboot.autoconfigure.MqttObservationSupport;
import io.github.mqttboot.autoconfigure.NamedClientBeansRegistrar;
import io.github.mqttboot.listener.MqttListenerEndpointRegistry;
import io.github.mqttboot.metrics.MqttClientMetrics;
import io.github.mqttboot.metrics.MqttListenerMetrics;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;

/**
 * Registers the meters of each client under {@code mqtt.clients}, tagged {@code client=<name>}:
 * {@code <name>MqttClientMetrics} and {@code <name>MqttListenerMetrics}.
 *
 * @author mqtt-spring-boot-starter
 */
class NamedClientMetricsRegistrar extends NamedClientBeansRegistrar {

	@Override
	protected void register(BeanDefinitionRegistry registry, String name) {
		MqttNamedClients.register(registry, MqttNamedClients.beanName(name, "MqttClientMetrics"),
				MqttClientMetrics.class, () -> new MqttClientMetrics(client(name), !observed(name)));
		String registryName = MqttNamedClients.beanName(name, "MqttListenerEndpointRegistry");
		MqttNamedClients.register(registry, MqttNamedClients.beanName(name, "MqttListenerMetrics"),
				MqttListenerMetrics.class, () -> new MqttListenerMetrics(client(name), (id) -> {
					// looked up when a gauge is read: the registry itself depends on these meters
					BeanFactory beanFactory = getBeanFactory();
					return beanFactory.containsBean(registryName)
							? beanFactory.getBean(registryName, MqttListenerEndpointRegistry.class).getListenerContainer(id)
							: null;
				}, !observed(name)));
	}

	/** As for the default client: observations record the timers themselves. */
	private boolean observed(String name) {
		return MqttObservationSupport.observationRegistry(properties(name), (ListableBeanFactory) getBeanFactory()) != null;
	}

}
