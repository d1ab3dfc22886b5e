package io.github.mqttboot.testcontainers;

import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;

/**
 * {@code @ServiceConnection} on a {@link GenericContainer} of {@code eclipse-mosquitto}; skipped
 * without Docker (the mapping itself is covered by {@link MqttServiceConnectionsTests}). The
 * embedded broker, on the test classpath, backs off by itself.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(classes = ContainerServiceConnectionTests.Config.class)
class MosquittoServiceConnectionContainerTests extends ContainerServiceConnectionTests {

	@Container
	@ServiceConnection
	static final GenericContainer<?> mosquitto = new GenericContainer<>(DockerImageName.parse("eclipse-mosquitto:2.0.22"))
		.withExposedPorts(1883)
		// Mosquitto 2 accepts only local clients unless configured otherwise
		.withCommand("mosquitto", "-c", "/mosquitto-no-auth.conf");

	@Test
	void clientConnectsToTheContainer() {
		assertConnectedTo(mosquitto.getHost(), mosquitto.getMappedPort(1883));
	}

}
