package io.github.mqttboot.autoconfigure.event;

import io.github.mqttboot.autoconfigure.MqttNamedClients;
import io.github.mqttboot.autoconfigure.NamedClientBeansRegistrar;
import io.github.mqttboot.event.MqttEventBridge;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ResourceLoaderAware;
import org.springframework.core.io.ResourceLoader;

/**
 * Registers the event bridge of each client under {@code mqtt.clients}
 * ({@code <name>MqttEventBridge}): its events carry that client.
 *
 * @author mqtt-spring-boot-starter
 */
class NamedClientEventsRegistrar extends NamedClientBeansRegistrar implements ResourceLoaderAware {

	// the application context: the publisher is no bean that the bean factory could hand out
	private ResourceLoader context;

	@Override
	public void setResourceLoader(ResourceLoader resourceLoader) {
		this.context = resourceLoader;
	}

	@Override
	protected void register(BeanDefinitionRegistry registry, String name) {
		if (this.context instanceof ApplicationEventPublisher publisher) {
			MqttNamedClients.register(registry, MqttNamedClients.beanName(name, "MqttEventBridge"),
					MqttEventBridge.class, () -> new MqttEventBridge(client(name), publisher));
		}
	}

}
