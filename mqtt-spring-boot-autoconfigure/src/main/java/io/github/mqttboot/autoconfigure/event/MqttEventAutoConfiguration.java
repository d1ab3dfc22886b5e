package io.github.mqttboot.autoconfigure.event;

import io.github.mqttboot.autoconfigure.MqttAutoConfiguration;
import io.github.mqttboot.client.ManagedMqttClient;
import io.github.mqttboot.event.MqttEventBridge;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Auto-configuration of the client's application events ({@code io.github.mqttboot.event}): a
 * {@link MqttEventBridge} that publishes them on a thread of the client's. Being a
 * {@code MqttListenerObserver} bean, it also hears of the listeners that stall and recover.
 *
 * @author mqtt-spring-boot-starter
 */
@AutoConfiguration(after = MqttAutoConfiguration.class)
@ConditionalOnBean(ManagedMqttClient.class)
@Import(NamedClientEventsRegistrar.class)
public final class MqttEventAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MqttEventBridge mqttEventBridge(ManagedMqttClient client, ApplicationEventPublisher publisher) {
		return new MqttEventBridge(client, publisher);
	}

}
