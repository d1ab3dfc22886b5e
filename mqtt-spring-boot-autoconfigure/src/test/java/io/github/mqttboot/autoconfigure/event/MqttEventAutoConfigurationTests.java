package io.github.mqttboot.autoconfigure.event;

import java.util.List;

import io.github.mqttboot.autoconfigure.MqttAutoConfiguration;
import io.github.mqttboot.autoconfigure.listener.MqttListenerAutoConfiguration;
import io.github.mqttboot.client.ManagedMqttClient;
import io.github.mqttboot.event.MqttEventBridge;
import io.github.mqttboot.listener.MqttListenerObserver;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class MqttEventAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, MqttAutoConfiguration.class,
				MqttEventAutoConfiguration.class, MqttListenerAutoConfiguration.class))
		.withPropertyValues("mqtt.server-uris=tcp://127.0.0.1:1");

	@Test
	void bridgeRunsBeforeTheClientAndObservesTheListeners() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(MqttEventBridge.class);
			MqttEventBridge bridge = context.getBean(MqttEventBridge.class);
			assertThat(bridge.isRunning()).isTrue();
			assertThat(bridge.getPhase()).isLessThan(ManagedMqttClient.PHASE);
			List<MqttListenerObserver> observers = context.getBeanProvider(MqttListenerObserver.class)
				.orderedStream()
				.toList();
			assertThat(observers).contains(bridge);
		});
	}

	@Test
	void backsOffForABridgeOfTheApplication() {
		this.runner.withUserConfiguration(OwnBridge.class).run((context) -> {
			assertThat(context).hasSingleBean(MqttEventBridge.class);
			assertThat(context.getBean(MqttEventBridge.class)).isSameAs(context.getBean(OwnBridge.class).bridge);
		});
	}

	@Test
	void backsOffWithoutMqttClient() {
		this.runner.withPropertyValues("mqtt.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(MqttEventBridge.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnBridge {

		MqttEventBridge bridge;

		@Bean
		MqttEventBridge ownBridge(ManagedMqttClient client, ApplicationEventPublisher publisher) {
			this.bridge = new MqttEventBridge(client, publisher, 10);
			return this.bridge;
		}

	}

}
