package io.github.mqttboot.autoconfigure;

import io.github.mqttboot.client.ManagedMqttClient;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Base of the registrars that give each client under {@code mqtt.clients} the beans an
 * auto-configuration gives the default client. Imported by that auto-configuration, it runs only
 * when the auto-configuration's conditions match, and after its own beans are registered.
 *
 * @author mqtt-spring-boot-starter
 * @since 0.1.0
 */
public abstract class NamedClientBeansRegistrar
		implements ImportBeanDefinitionRegistrar, EnvironmentAware, BeanFactoryAware {

	private Environment environment;

	private BeanFactory beanFactory;

	/**
	 * Creates a registrar; the environment and bean factory are set by the container.
	 */
	protected NamedClientBeansRegistrar() {
	}

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		for (String name : MqttNamedClients.names(this.environment)) {
			register(registry, name);
		}
	}

	/**
	 * Registers the beans of one named client, with {@link MqttNamedClients#register}.
	 * @param registry the registry
	 * @param name the client's name
	 */
	protected abstract void register(BeanDefinitionRegistry registry, String name);

	/**
	 * Returns the environment.
	 * @return the environment
	 */
	protected Environment getEnvironment() {
		return this.environment;
	}

	/**
	 * Returns the bean factory, for the suppliers of the beans.
	 * @return the bean factory
	 */
	protected BeanFactory getBeanFactory() {
		return this.beanFactory;
	}

	/**
	 * Returns a named client's properties: its own keys over those of {@code mqtt.*}.
	 * @param name the client's name
	 * @return the properties
	 */
	protected MqttProperties properties(String name) {
		return MqttNamedClients.properties(this.environment, name);
	}

	/**
	 * Returns a named client's bean.
	 * @param name the client's name
	 * @return the client
	 */
	protected ManagedMqttClient client(String name) {
		return this.beanFactory.getBean(MqttNamedClients.clientBeanName(name), ManagedMqttClient.class);
	}

}
