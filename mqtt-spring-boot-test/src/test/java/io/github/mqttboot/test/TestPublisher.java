package io.github.mqttboot.test;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * Publishes with a plain blocking Paho client: the other side of the subscriber under test.
 */
final class TestPublisher {

	private TestPublisher() {
	}

	static void publish(String serverUri, String topic, String... payloads) throws MqttException {
		MqttClient client = new MqttClient(serverUri, "test-publisher-" + UUID.randomUUID(), new MemoryPersistence());
		try {
			client.connect();
			for (String payload : payloads) {
				client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
			}
			client.disconnect();
		}
		finally {
			client.close(true);
		}
	}

}
