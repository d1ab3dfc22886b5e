package io.github.mqttboot.autoconfigure.listener;

import io.github.mqttboot.autoconfigure.MqttNamedClients;
import io.github.mqttboot.autoconfigure.NamedClientBeansRegistrar;
import io.github.mqttboot.listener.MqttListenerEndpointRegistry;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;

/**
 * Registers the listener registry of each client under {@code mqtt.clients}
 * ({@code <name>MqttListenerEndpointRegistry}): a listener with {@code client = "<name>"} runs
 * there, on that client's connection and threads, with that client's listener defaults, and
 * replies and dead-letters on that client.
 *
 * @author mqtt-spring-boot-starter
 */
class NamedListenerRegistriesRegistrar extends NamedClientBeansRegistrar {

	@Override
	protected void register(BeanDefinitionRegistry registry, String name) {
		MqttNamedClients.register(registry, MqttNamedClients.beanName(name, "MqttListenerEndpointRegistry"),
				MqttListenerEndpointRegistry.class,
				() -> MqttListenerAutoConfiguration.registry(client(name), properties(name),
						(ListableBeanFactory) getBeanFactory()));
	}

}
