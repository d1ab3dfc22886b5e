package io.github.mqttboot.autoconfigure.integration;

import io.github.mqttboot.autoconfigure.MqttAutoConfiguration;
import io.github.mqttboot.client.ManagedMqttClient;
import io.github.mqttboot.integration.SupervisedClientManager;
import org.eclipse.paho.mqttv5.client.IMqttAsyncClient;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.integration.mqtt.core.ClientManager;

/**
 * Auto-configuration of a Spring Integration {@link ClientManager} over the supervised client:
 * MQTT 5 adapters built with it share the client's connection instead of opening their own. Each
 * client under {@code mqtt.clients} gets one too, {@code <name>MqttClientManager}.
 *
 * @author mqtt-spring-boot-starter
 */
@AutoConfiguration(after = MqttAutoConfiguration.class)
@ConditionalOnClass({ ClientManager.class, IMqttAsyncClient.class })
@ConditionalOnBean(ManagedMqttClient.class)
@Import(NamedClientManagersRegistrar.class)
public final class MqttIntegrationAutoConfiguration {

	@Bean
	@Primary
	@ConditionalOnMissingBean(ClientManager.class)
	SupervisedClientManager mqttClientManager(ManagedMqttClient client) {
		return new SupervisedClientManager(client);
	}

}
