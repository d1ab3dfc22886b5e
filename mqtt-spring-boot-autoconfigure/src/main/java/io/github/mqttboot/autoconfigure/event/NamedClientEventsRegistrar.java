package io.github.mqttboot.autoconfigure.event;

import io.github.mqttboot.autoconfigure.MqttNamedClients;
import io.github.mqttboot.autoconfigure.NamedClientBeansRegistrar;
import io.github.mqttboot.event.MqttEventBridge;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Registers the event bridge of each client under {@code mqtt.clients}
 * ({@code <name>MqttEventBridge}): its events carry that client.
 *
 * @author mqtt-spring-boot-starter
 */
class NamedClientEventsRegistrar extends NamedClientBeansRegistrar {

	@Override
	protected void register(BeanDefinitionRegistry registry, String name) {
		MqttNamedClients.register(registry, MqttNamedClients.beanName(name, "MqttEventBridge"), MqttEventBridge.class,
				() -> new MqttEventBridge(client(name), getBeanFactory().getBean(ApplicationEventPublisher.class)));
	}

}
