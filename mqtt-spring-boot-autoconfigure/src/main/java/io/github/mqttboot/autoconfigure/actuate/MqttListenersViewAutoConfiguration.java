package io.github.mqttboot.autoconfigure.actuate;

import io.github.mqttboot.actuate.MqttListenersView;
import io.github.mqttboot.actuate.RegistryListenersView;
import io.github.mqttboot.autoconfigure.listener.MqttListenerAutoConfiguration;
import io.github.mqttboot.listener.MqttListenerEndpointRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the view of the listeners that the health indicator and the
 * {@code mqtt} endpoint read.
 *
 * @author mqtt-spring-boot-starter
 */
// by name: without Spring Boot's health module on the class path the health auto-configuration
// cannot be loaded, and a class reference here would fail every reflective read of this annotation
@AutoConfiguration(after = MqttListenerAutoConfiguration.class,
		beforeName = { "io.github.mqttboot.autoconfigure.actuate.MqttEndpointAutoConfiguration",
				"io.github.mqttboot.autoconfigure.actuate.MqttHealthContributorAutoConfiguration" })
@ConditionalOnBean(MqttListenerEndpointRegistry.class)
public final class MqttListenersViewAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MqttListenersView mqttListenersView(ObjectProvider<MqttListenerEndpointRegistry> registries) {
		// one registry per client
		return new RegistryListenersView(registries.orderedStream().toList());
	}

}
