package io.github.mqttboot.sample;

import java.time.Duration;
import java.util.List;

import io.github.mqttboot.client.ManagedMqttClient;
import io.github.mqttboot.integration.SupervisedClientManager;
import io.github.mqttboot.test.MqttTestBroker;
import io.github.mqttboot.test.MqttTestSubscriber;
import io.github.mqttboot.test.ReceivedMqttMessage;
import io.github.mqttboot.test.TestMqttBroker;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample app against a test broker ({@code @MqttTestBroker}: Mosquitto when installed, else
 * the embedded one), observed from outside with a {@link MqttTestSubscriber}.
 */
@SpringBootTest(properties = { "sample.interval=200ms", "sample.sensor=sensor-7", "sample.alert-threshold=-100" })
@MqttTestBroker
class SampleApplicationTests {

	@Autowired
	TestMqttBroker broker;

	@Autowired
	ReadingListeners listeners;

	@Autowired
	SupervisedClientManager clientManager;

	@Autowired
	ManagedMqttClient client;

	@Test
	void publishesJsonReadingsOnTheSensorsTopic() {
		try (MqttTestSubscriber subscriber = MqttTestSubscriber.subscribe(this.broker.getServerUri(), "sensors/#")) {
			List<ReceivedMqttMessage> readings = subscriber.awaitMessages(3, Duration.ofSeconds(30));
			assertThat(readings).extracting(ReceivedMqttMessage::topic).containsOnly("sensors/sensor-7/temperature");
			JsonNode reading = JsonMapper.builder().build().readTree(readings.get(0).payloadAsString());
			assertThat(reading.get("sensor").stringValue()).isEqualTo("sensor-7");
			assertThat(reading.get("temperature").isNumber()).isTrue();
		}
	}

	@Test
	void theIntegrationFlowTurnsReadingsOverTheThresholdIntoAlertsOnTheSharedConnection() {
		try (MqttTestSubscriber subscriber = MqttTestSubscriber.subscribe(this.broker.getServerUri(), "alerts/threshold")) {
			List<ReceivedMqttMessage> alerts = subscriber.awaitMessages(2, Duration.ofSeconds(30));
			assertThat(alerts).allSatisfy((alert) -> assertThat(alert.payloadAsString()).startsWith("sensor-7 read ")
				.contains("over -100.0 C"));
		}
		assertThat(this.clientManager.getClient().getClass().getSimpleName()).isEqualTo("SupervisedMqttAsyncClient");
		// one connection: every MQTT thread of the application is the supervised client's own
		assertThat(Thread.getAllStackTraces().keySet()).filteredOn((thread) -> thread.getName().contains("MQTT"))
			.isEmpty();
		assertThat(this.client.getOwnedThreads().stream().filter((thread) -> thread.getName().contains("-integration-")).count()).isOne();
	}

	@Test
	void readingsComeBackThroughTheListener() {
		await().atMost(Duration.ofSeconds(30)).until(() -> this.listeners.received() >= 3);
	}

}
