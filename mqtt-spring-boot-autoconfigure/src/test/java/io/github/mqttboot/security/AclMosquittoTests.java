package io.github.mqttboot.security;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.github.mqttboot.client.DriverPair;
import io.github.mqttboot.client.ManagedMqttClient;
import io.github.mqttboot.client.MqttPublishException;
import io.github.mqttboot.client.TestClients;
import io.github.mqttboot.testsupport.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Mosquitto ACLs: with MQTT 5 a refused publish fails its future with the broker's reason code;
 * MQTT 3.1.1's PUBACK has no reason code, so the broker acknowledges the message and drops it,
 * which is all a 3.1.1 client can see. (Mosquitto
 * 2.0 grants every subscription and filters on delivery: refused subscriptions are tested with
 * an authorizer in {@link SubscriptionRefusalTests}.)
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.github.mqttboot.client.DriverPair#pairs")
class AclMosquittoTests {

	private static final int NOT_AUTHORIZED = 0x87;

	@RegisterExtension
	static final TestBroker broker = TestBroker.create()
		.user("device", "device-pw")
		.acl("user device", "topic readwrite allowed/#", "topic read readonly/#");

	@Parameter
	DriverPair pair;

	private ApplicationContextRunner runner() {
		return SecurityTestSupport.runner(this.pair)
			.withPropertyValues("mqtt.server-uris=" + broker.uri(), "mqtt.username=device", "mqtt.password=device-pw");
	}

	@Test
	void refusedPublishFailsItsFutureWithTheReasonCode() {
		assumeTrue(this.pair.isMqtt5(), "MQTT 3.1.1's PUBACK carries no reason code");
		runner().run((context) -> {
			ManagedMqttClient client = context.getBean(ManagedMqttClient.class);
			await().atMost(TestClients.await()).until(client::isConnected);
			CompletableFuture<?> refused = client.publish("readonly/1", "no".getBytes(StandardCharsets.UTF_8), 1,
					false);
			Throwable failure = catchThrowable(() -> refused.get(5, TimeUnit.SECONDS));
			assertThat(failure).isInstanceOf(ExecutionException.class)
				.cause()
				.isInstanceOf(MqttPublishException.class)
				.hasMessageContaining("readonly/1")
				.hasMessageContaining("0x87");
			assertThat(((MqttPublishException) failure.getCause()).getReasonCode()).isEqualTo(NOT_AUTHORIZED);
			// only that message: the connection and the next publish are fine
			client.publish("allowed/1", "yes".getBytes(StandardCharsets.UTF_8), 1, false).get(5, TimeUnit.SECONDS);
			assertThat(client.isConnected()).isTrue();
		});
	}

	@Test
	void refusedPublishWithMqtt3IsAcknowledgedAndDropped() {
		assumeFalse(this.pair.isMqtt5(), "MQTT 5 reports the refusal");
		runner().run((context) -> {
			ManagedMqttClient client = context.getBean(ManagedMqttClient.class);
			await().atMost(TestClients.await()).until(client::isConnected);
			BlockingQueue<String> received = new LinkedBlockingQueue<>();
			client.subscribe("readonly/#", 1, (message) -> received.add(message.topic())).get(5, TimeUnit.SECONDS);
			client.subscribe("allowed/#", 1, (message) -> received.add(message.topic())).get(5, TimeUnit.SECONDS);
			client.publish("readonly/1", "no".getBytes(StandardCharsets.UTF_8), 1, false).get(5, TimeUnit.SECONDS);
			client.publish("allowed/1", "yes".getBytes(StandardCharsets.UTF_8), 1, false).get(5, TimeUnit.SECONDS);
			// the broker delivers in the order it accepted: a delivered readonly/1 would come first
			assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("allowed/1");
			assertThat(client.isConnected()).isTrue();
		});
	}

}
