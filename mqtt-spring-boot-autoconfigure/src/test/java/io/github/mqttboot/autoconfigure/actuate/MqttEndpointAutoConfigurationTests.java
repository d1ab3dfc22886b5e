package io.github.mqttboot.autoconfigure.actuate;

import io.github.mqttboot.actuate.MqttEndpoint;
import io.github.mqttboot.actuate.MqttListenersView;
import io.github.mqttboot.autoconfigure.MqttAutoConfiguration;
import io.github.mqttboot.client.ManagedMqttClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class MqttEndpointAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MqttAutoConfiguration.class, MqttEndpointAutoConfiguration.class))
		.withPropertyValues("mqtt.server-uris=tcp://127.0.0.1:1");

	@Test
	void availableWhenExposedOverTheWeb() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=mqtt")
			.run((context) -> assertThat(context).hasSingleBean(MqttEndpoint.class));
	}

	@Test
	void availableWhenExposedOverJmx() {
		this.runner.withPropertyValues("spring.jmx.enabled=true", "management.endpoints.jmx.exposure.include=mqtt")
			.run((context) -> assertThat(context).hasSingleBean(MqttEndpoint.class));
	}

	@Test
	void notAvailableByDefault() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(MqttEndpoint.class));
	}

	@Test
	void notAvailableWhenAccessIsNone() {
		this.runner
			.withPropertyValues("management.endpoints.web.exposure.include=mqtt", "management.endpoint.mqtt.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(MqttEndpoint.class));
	}

	@Test
	void backsOffWithoutMqttClient() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=mqtt", "mqtt.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(MqttEndpoint.class));
	}

	@Test
	void backsOffWithoutSpringBootActuator() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=mqtt")
			.withClassLoader(new FilteredClassLoader(Endpoint.class))
			.run((context) -> assertThat(context).doesNotHaveBean(MqttEndpoint.class));
	}

	@Test
	void backsOffWhenTheUserDefinesTheEndpoint() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=mqtt")
			.withUserConfiguration(UserEndpointConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(MqttEndpoint.class).hasBean("myMqttEndpoint"));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserEndpointConfiguration {

		@Bean
		MqttEndpoint myMqttEndpoint(ManagedMqttClient client, ObjectProvider<MqttListenersView> listeners) {
			return new MqttEndpoint(client, listeners);
		}

	}

}
