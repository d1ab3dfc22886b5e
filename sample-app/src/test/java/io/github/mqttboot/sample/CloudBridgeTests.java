package io.github.mqttboot.sample;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.mqttboot.core.MqttTemplate;
import io.github.mqttboot.test.MqttBrokerExtension;
import io.github.mqttboot.test.MqttTestSubscriber;
import io.github.mqttboot.test.ReceivedMqttMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bridge profile on two test brokers, an edge and a cloud one, observed from outside.
 */
@SpringBootTest(properties = { "sample.interval=200ms", "sample.sensor=sensor-7" })
@ActiveProfiles("bridge")
class CloudBridgeTests {

	@RegisterExtension
	static final MqttBrokerExtension edge = new MqttBrokerExtension();

	@RegisterExtension
	static final MqttBrokerExtension cloud = new MqttBrokerExtension();

	@DynamicPropertySource
	static void brokers(DynamicPropertyRegistry registry) {
		registry.add("mqtt.server-uris", edge::getServerUri);
		registry.add("mqtt.clients.cloud.server-uris", cloud::getServerUri);
	}

	@Autowired
	@Qualifier("cloudMqttTemplate")
	MqttTemplate cloudTemplate;

	@Test
	void forwardsTheEdgesReadingsToTheCloud() {
		try (MqttTestSubscriber subscriber = MqttTestSubscriber.subscribe(cloud.getServerUri(), "edge/#")) {
			List<ReceivedMqttMessage> readings = subscriber.awaitMessages(3, Duration.ofSeconds(30));
			assertThat(readings).extracting(ReceivedMqttMessage::topic).containsOnly("edge/sensor-7/temperature");
			assertThat(readings.get(0).payloadAsString()).contains("\"sensor\":\"sensor-7\"");
		}
	}

	@Test
	void forwardsTheCloudsCommandsToTheEdge() throws Exception {
		try (MqttTestSubscriber subscriber = MqttTestSubscriber.subscribe(edge.getServerUri(), "commands/#")) {
			this.cloudTemplate.publish("commands/sensor-7", "calibrate").get(10, TimeUnit.SECONDS);
			List<ReceivedMqttMessage> commands = subscriber.awaitMessages(1, Duration.ofSeconds(30));
			assertThat(commands.get(0).topic()).isEqualTo("commands/sensor-7");
			assertThat(commands.get(0).payloadAsString()).isEqualTo("calibrate");
		}
	}

}
