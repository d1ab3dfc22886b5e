package io.github.mqttboot.autoconfigure.integration;

import io.github.mqttboot.autoconfigure.MqttNamedClients;
import io.github.mqttboot.autoconfigure.NamedClientBeansRegistrar;
import io.github.mqttboot.integration.SupervisedClientManager;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;

/**
 * Registers a Spring Integration {@code ClientManager} over each client under
 * {@code mqtt.clients} ({@code <name>MqttClientManager}), for adapters on that client's connection.
 *
 * @author mqtt-spring-boot-starter
 */
class NamedClientManagersRegistrar extends NamedClientBeansRegistrar {

	@Override
	protected void register(BeanDefinitionRegistry registry, String name) {
		MqttNamedClients.register(registry, MqttNamedClients.beanName(name, "MqttClientManager"),
				SupervisedClientManager.class, () -> new SupervisedClientManager(client(name)));
	}

}
