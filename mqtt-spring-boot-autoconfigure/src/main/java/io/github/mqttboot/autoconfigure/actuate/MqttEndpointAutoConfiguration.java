package io.github.mqttboot.autoconfigure.actuate;

import io.github.mqttboot.actuate.MqttEndpoint;
import io.github.mqttboot.actuate.MqttListenersView;
import io.github.mqttboot.autoconfigure.MqttAutoConfiguration;
import io.github.mqttboot.autoconfigure.listener.MqttListenerAutoConfiguration;
import io.github.mqttboot.client.ManagedMqttClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code mqtt} endpoint, available when exposed
 * ({@code management.endpoints.web.exposure.include=mqtt}).
 *
 * @author mqtt-spring-boot-starter
 */
@AutoConfiguration(after = { MqttAutoConfiguration.class, MqttListenerAutoConfiguration.class })
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnAvailableEndpoint(MqttEndpoint.class)
@ConditionalOnBean(ManagedMqttClient.class)
public final class MqttEndpointAutoConfiguration {

	// the primary client is described at the top level, as when it is the only one
	@Bean
	@ConditionalOnMissingBean
	MqttEndpoint mqttEndpoint(ObjectProvider<ManagedMqttClient> clients, ObjectProvider<MqttListenersView> listeners) {
		return new MqttEndpoint(clients.getObject(), clients.orderedStream().toList(), listeners);
	}

}
