package io.github.mqttboot.security;

import java.util.concurrent.TimeUnit;

import io.github.mqttboot.client.DriverPair;
import io.github.mqttboot.client.ManagedMqttClient;
import io.github.mqttboot.client.TestClients;
import io.github.mqttboot.testsupport.FaultProxy;
import io.github.mqttboot.testsupport.TestBroker;
import io.github.mqttboot.testsupport.TestClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The will message of {@code mqtt.will.*} reaches a subscriber when the client's connection is
 * cut, and not when the client disconnects cleanly.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.github.mqttboot.client.DriverPair#pairs")
class WillMessageTests {

	@RegisterExtension
	static final TestBroker broker = TestBroker.create();

	@Parameter
	DriverPair pair;

	@Test
	void willReachesASubscriberWhenTheConnectionIsCutAndNotOnACleanDisconnect() throws Exception {
		try (FaultProxy proxy = FaultProxy.to(broker.port()); TestClient observer = new TestClient(broker.uri())) {
			observer.connect(new MqttConnectionOptions());
			observer.mqtt.subscribe("status/#", 1).waitForCompletion(5000);
			SecurityTestSupport.runner(this.pair)
				.withPropertyValues("mqtt.server-uris=" + proxy.uri(), "mqtt.will.topic=status/device-1",
						"mqtt.will.payload=offline", "mqtt.will.qos=1")
				.run((context) -> {
					ManagedMqttClient client = context.getBean(ManagedMqttClient.class);
					await().atMost(TestClients.await()).until(client::isConnected);
					assertThat(proxy.resetEstablished()).isEqualTo(1);
					assertThat(observer.messages.poll(10, TimeUnit.SECONDS)).isEqualTo("offline");
					// the client reconnects on its own; closing the context disconnects cleanly
					await().atMost(TestClients.await()).until(client::isConnected);
				});
			assertThat(observer.messages.poll(1, TimeUnit.SECONDS)).as("will after a clean disconnect").isNull();
		}
	}

}
