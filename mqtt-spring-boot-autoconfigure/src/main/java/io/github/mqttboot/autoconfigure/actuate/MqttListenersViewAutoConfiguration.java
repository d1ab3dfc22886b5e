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
@AutoConfiguration(after = MqttListenerAutoConfiguration.class,
		before = { MqttEndpointAutoConfiguration.class, MqttHealthContributorAutoConfiguration.class })
@ConditionalOnBean(MqttListenerEndpointRegistry.class)
public final class MqttListenersViewAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MqttListenersView mqttListenersView(ObjectProvider<MqttListenerEndpointRegistry> registries) {
		// one registry per client
		return new RegistryListenersView(registries.orderedStream().toList());
	}

}
