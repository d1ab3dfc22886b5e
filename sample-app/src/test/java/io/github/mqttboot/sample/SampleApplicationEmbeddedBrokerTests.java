package io.github.mqttboot.sample;

import java.time.Duration;

import io.github.mqttboot.client.ManagedMqttClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample app as `./mvnw -pl sample-app spring-boot:run` starts it, on its own embedded broker:
 * readings go out and come back through the listener.
 */
@SpringBootTest(properties = { "mqtt.embedded.port=0", "sample.interval=200ms" })
class SampleApplicationEmbeddedBrokerTests {

	@Autowired
	ManagedMqttClient client;

	@Autowired
	ReadingListeners listeners;

	@Test
	void readingsComeBackThroughTheListener() {
		await().atMost(Duration.ofSeconds(30)).until(() -> this.listeners.received() >= 3);
		assertThat(this.client.isConnected()).isTrue();
		assertThat(this.client.getOwnedThreads()).allMatch((thread) -> thread.getName().startsWith("mqtt-mqttClient-"));
	}

}
