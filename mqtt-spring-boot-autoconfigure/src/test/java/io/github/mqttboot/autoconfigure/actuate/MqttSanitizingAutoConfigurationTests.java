package io.github.mqttboot.autoconfigure.actuate;

import io.github.mqttboot.actuate.MqttSanitizingFunction;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class MqttSanitizingAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MqttSanitizingAutoConfiguration.class));

	@Test
	void registersTheSanitizingFunction() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(MqttSanitizingFunction.class)
			.hasBean("mqttSanitizingFunction"));
	}

	@Test
	void keepsItsOwnFunctionBesideTheUsersFunctions() {
		this.runner.withUserConfiguration(UserFunctionConfiguration.class)
			.run((context) -> assertThat(context).hasBean("mqttSanitizingFunction").hasBean("userFunction"));
	}

	@Test
	void backsOffWithoutSpringBootActuator() {
		this.runner.withClassLoader(new FilteredClassLoader(SanitizingFunction.class))
			.run((context) -> assertThat(context).doesNotHaveBean("mqttSanitizingFunction"));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserFunctionConfiguration {

		@Bean
		SanitizingFunction userFunction() {
			return (data) -> data;
		}

	}

}
