package io.github.mqttboot.test;

import java.util.Map;

import io.github.mqttboot.test.MqttTestBroker.Kind;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Starts the broker before the context is refreshed, puts its URI first among the
 * property sources, and registers it as the first disposable bean, so that it is destroyed
 * last: after the MQTT client has disconnected.
 *
 * @author mqtt-spring-boot-starter
 */
class MqttTestBrokerContextCustomizer implements ContextCustomizer {

	static final String BEAN_NAME = "mqttTestBroker";

	private final Kind kind;

	MqttTestBrokerContextCustomizer(Kind kind) {
		this.kind = kind;
	}

	@Override
	public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
		TestMqttBroker broker = TestMqttBroker.start(this.kind);
		context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource(BEAN_NAME,
					Map.of("mqtt.server-uris", broker.getServerUri(), "mqtt.embedded.enabled", "false")));
		ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
		beanFactory.registerSingleton(BEAN_NAME, broker);
		// destroyed in reverse order of registration, so after everything else; also when refresh fails
		((DefaultSingletonBeanRegistry) beanFactory).registerDisposableBean(BEAN_NAME, broker::close);
	}

	@Override
	public boolean equals(Object other) {
		return (other instanceof MqttTestBrokerContextCustomizer customizer) && customizer.kind == this.kind;
	}

	@Override
	public int hashCode() {
		return this.kind.hashCode();
	}

}
