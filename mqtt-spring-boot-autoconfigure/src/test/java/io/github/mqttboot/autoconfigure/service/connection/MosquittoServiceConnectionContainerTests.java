package io.github.mqttboot.autoconfigure.service.connection;

import java.time.Duration;

import io.github.mqttboot.autoconfigure.MqttAutoConfiguration;
import io.github.mqttboot.autoconfigure.MqttConnectionDetails;
import io.github.mqttboot.client.ManagedMqttClient;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code @ServiceConnection} end to end with real containers; skipped without Docker (the
 * mapping itself is covered by {@link MqttServiceConnectionsTests}).
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(classes = MosquittoServiceConnectionContainerTests.Config.class, properties = "mqtt.embedded.enabled=false")
class MosquittoServiceConnectionContainerTests {

	@Container
	@ServiceConnection
	static final GenericContainer<?> mosquitto = new GenericContainer<>(DockerImageName.parse("eclipse-mosquitto:2.0.22"))
		.withExposedPorts(1883)
		.withCommand("mosquitto", "-c", "/mosquitto-no-auth.conf");

	@Autowired
	private MqttConnectionDetails connectionDetails;

	@Autowired
	private ManagedMqttClient client;

	@Test
	void clientConnectsToTheContainer() {
		assertThat(this.connectionDetails.getServerUris())
			.containsExactly("tcp://" + mosquitto.getHost() + ":" + mosquitto.getMappedPort(1883));
		await().atMost(Duration.ofSeconds(30)).until(this.client::isConnected);
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ JacksonAutoConfiguration.class, MqttAutoConfiguration.class })
	static class Config {

	}

}
