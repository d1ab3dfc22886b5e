package io.github.mqttboot.autoconfigure.actuate;

import io.github.mqttboot.actuate.MqttSanitizingFunction;

import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration that keeps the {@code mqtt.*} credentials out of the {@code env} and
 * {@code configprops} endpoints, also when {@code show-values} is set to show them.
 *
 * @author mqtt-spring-boot-starter
 */
@AutoConfiguration
@ConditionalOnClass(SanitizingFunction.class)
public final class MqttSanitizingAutoConfiguration {

	// by name: other SanitizingFunction beans are the user's and must not switch ours off
	@Bean
	@ConditionalOnMissingBean(name = "mqttSanitizingFunction")
	MqttSanitizingFunction mqttSanitizingFunction() {
		return new MqttSanitizingFunction();
	}

}
