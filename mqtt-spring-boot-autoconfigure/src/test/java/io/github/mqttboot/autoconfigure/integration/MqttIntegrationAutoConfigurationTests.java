package io.github.mqttboot.autoconfigure.integration;

import io.github.mqttboot.autoconfigure.MqttAutoConfiguration;
import io.github.mqttboot.client.ManagedMqttClient;
import io.github.mqttboot.integration.SupervisedClientManager;
import io.github.mqttboot.integration.SupervisedMqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.integration.mqtt.core.ClientManager;
import org.springframework.integration.mqtt.core.Mqttv5ClientManager;

import static org.assertj.core.api.Assertions.assertThat;

class MqttIntegrationAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MqttAutoConfiguration.class, MqttIntegrationAutoConfiguration.class))
		.withPropertyValues("mqtt.server-uris=tcp://127.0.0.1:1,tcp://127.0.0.1:2", "mqtt.client-id=shared",
				"mqtt.username=user", "mqtt.password=secret", "mqtt.clean-start=false");

	@Test
	void clientManagerPresentsTheSupervisedClient() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(ClientManager.class).hasBean("mqttClientManager");
			ClientManager<?, ?> manager = context.getBean(ClientManager.class);
			assertThat(manager.getClient()).isInstanceOf(SupervisedMqttAsyncClient.class);
			assertThat(manager.getClientId()).isEqualTo("shared");
			assertThat(manager.getUrl()).isEqualTo("tcp://127.0.0.1:1");
		});
	}

	@Test
	void connectionInfoHasPahoReconnectOffAndNoCredentials() {
		this.runner.run((context) -> {
			MqttConnectionOptions options = context.getBean(SupervisedClientManager.class).getConnectionInfo();
			assertThat(options.isAutomaticReconnect()).isFalse();
			assertThat(options.isCleanStart()).isFalse();
			assertThat(options.getServerURIs()).containsExactly("tcp://127.0.0.1:1", "tcp://127.0.0.1:2");
			assertThat(options.getUserName()).isNull();
			assertThat(options.getPassword()).isNull();
		});
	}

	@Test
	void clientManagerStartsAfterTheClientAndBeforeIntegrationEndpoints() {
		this.runner.run((context) -> {
			SupervisedClientManager manager = context.getBean(SupervisedClientManager.class);
			assertThat(manager.getPhase()).isGreaterThan(ManagedMqttClient.PHASE)
				.isLessThan(0);
			assertThat(manager.isRunning()).isTrue();
		});
	}

	@Test
	void clientManagerRunsNoThreadUntilAnAdapterUsesIt() {
		this.runner.run((context) -> {
			assertThat(context.getBean(SupervisedClientManager.class).isRunning()).isTrue();
			assertThat(context.getBean(ManagedMqttClient.class).getOwnedThreads()).noneMatch((thread) -> thread.getName().contains("-integration-"));
		});
	}

	@Test
	void backsOffWhenTheUserDefinesAClientManager() {
		this.runner
			.withBean("userClientManager", Mqttv5ClientManager.class, UnstartedClientManager::new)
			.run((context) -> assertThat(context).doesNotHaveBean(SupervisedClientManager.class)
				.hasSingleBean(ClientManager.class));
	}

	@Test
	void backsOffWithoutSpringIntegrationMqtt() {
		this.runner.withClassLoader(new FilteredClassLoader(ClientManager.class))
			.run((context) -> assertThat(context).doesNotHaveBean(SupervisedClientManager.class));
	}

	@Test
	void backsOffWithoutMqttClient() {
		this.runner.withPropertyValues("mqtt.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SupervisedClientManager.class));
	}


	/** A user's manager that is never started: a started Paho client would leave its reconnect timer. */
	static class UnstartedClientManager extends Mqttv5ClientManager {

		UnstartedClientManager() {
			super("tcp://127.0.0.1:1", "user");
		}

		@Override
		public boolean isAutoStartup() {
			return false;
		}

	}

}
