package io.github.mqttboot.testcontainers;

import org.junit.jupiter.api.Test;
import org.testcontainers.hivemq.HiveMQContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;

/**
 * {@code @ServiceConnection} on Testcontainers' {@link HiveMQContainer}; skipped without Docker
 * (the mapping itself is covered by {@link MqttServiceConnectionsTests}).
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(classes = ContainerServiceConnectionTests.Config.class)
class HiveMqServiceConnectionContainerTests extends ContainerServiceConnectionTests {

	@Container
	@ServiceConnection
	static final HiveMQContainer hivemq = new HiveMQContainer(DockerImageName.parse("hivemq/hivemq-ce:2025.5"));

	@Test
	void clientConnectsToTheContainer() {
		assertConnectedTo(hivemq.getHost(), hivemq.getMqttPort());
	}

}
