package io.github.mqttboot.testcontainers;

import java.time.Duration;

import io.github.mqttboot.autoconfigure.MqttAutoConfiguration;
import io.github.mqttboot.autoconfigure.MqttConnectionDetails;
import io.github.mqttboot.client.ManagedMqttClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the container tests check: the service connection's URI and a connected client.
 */
abstract class ContainerServiceConnectionTests {

	@Autowired
	private MqttConnectionDetails connectionDetails;

	@Autowired
	private ManagedMqttClient client;

	void assertConnectedTo(String host, int port) {
		assertThat(this.connectionDetails.getServerUris()).containsExactly("tcp://" + host + ":" + port);
		await().atMost(Duration.ofSeconds(60)).until(this.client::isConnected);
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ JacksonAutoConfiguration.class, MqttAutoConfiguration.class })
	static class Config {

	}

}
