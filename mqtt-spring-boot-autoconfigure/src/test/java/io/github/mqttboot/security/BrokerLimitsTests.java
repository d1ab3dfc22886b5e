package io.github.mqttboot.security;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.mqttboot.client.DriverPair;
import io.github.mqttboot.client.ManagedMqttClient;
import io.github.mqttboot.client.MqttClientEvents;
import io.github.mqttboot.client.MqttPublishException;
import io.github.mqttboot.client.PublishResult;
import io.github.mqttboot.client.TestClients;
import io.github.mqttboot.client.driver.ConnectionInfo;
import io.github.mqttboot.testsupport.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The broker's limits from CONNACK are honoured: Maximum Packet Size (an oversized publish fails
 * before it is sent, the connection stays) and Receive Maximum (never more unacknowledged
 * publishes in flight). Topic Alias Maximum is read; the client sends no aliases.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.github.mqttboot.client.DriverPair#pairs")
class BrokerLimitsTests {

	private static final int MAX_PACKET_SIZE = 1024;

	private static final int RECEIVE_MAXIMUM = 3;

	@RegisterExtension
	static final TestBroker broker = TestBroker.create()
		.config("max_packet_size " + MAX_PACKET_SIZE, "max_inflight_messages " + RECEIVE_MAXIMUM,
				"max_topic_alias 4");

	@Parameter
	DriverPair pair;

	@Test
	void connackLimitsAreHonoured() {
		assumeTrue(this.pair.isMqtt5(), "Maximum Packet Size, Receive Maximum and Topic Alias Maximum are MQTT 5 "
				+ "CONNACK properties");
		SecurityTestSupport.runner(this.pair).withPropertyValues("mqtt.server-uris=" + broker.uri()).run((context) -> {
			ManagedMqttClient client = context.getBean(ManagedMqttClient.class);
			AtomicInteger lost = new AtomicInteger();
			AtomicInteger peakInflight = new AtomicInteger();
			client.addEventListener(new MqttClientEvents() {

				@Override
				public void connectionLost() {
					lost.incrementAndGet();
				}

				@Override
				public void published(int qos, boolean success, long nanos) {
					peakInflight.accumulateAndGet(client.getInflight(), Math::max);
				}

			});
			await().atMost(TestClients.await()).until(client::isConnected);
			ConnectionInfo info = client.getConnectionInfo();
			assertThat(info.maximumPacketSize()).isEqualTo(MAX_PACKET_SIZE);
			assertThat(info.receiveMaximum()).isEqualTo(RECEIVE_MAXIMUM);
			assertThat(info.topicAliasMaximum()).isEqualTo(4);

			CompletableFuture<PublishResult> oversized = client.publish("limits/big", new byte[2000], 1, false);
			Throwable failure = catchThrowable(() -> oversized.get(5, TimeUnit.SECONDS));
			assertThat(failure).isInstanceOf(ExecutionException.class)
				.cause()
				.isInstanceOf(MqttPublishException.class)
				.hasMessageContaining("is 2018 bytes, more than the broker's Maximum Packet Size of " + MAX_PACKET_SIZE);
			// just below the limit: 1024 bytes with the header and the topic (a topic alias would
			// add 3 and exceed it: the client sends none)
			client.publish("limits/fits", new byte[MAX_PACKET_SIZE - 20], 1, false).get(5, TimeUnit.SECONDS);

			List<CompletableFuture<PublishResult>> burst = new ArrayList<>();
			for (int i = 0; i < 50; i++) {
				burst.add(client.publish("limits/burst", new byte[100], 1, false));
				peakInflight.accumulateAndGet(client.getInflight(), Math::max);
			}
			CompletableFuture.allOf(burst.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
			// a sample may see none in flight: the driver's own window, which counts an
			// acknowledgement a moment later, can hold the whole burst back for a retry
			assertThat(peakInflight.get()).as("never more in flight than the broker's Receive Maximum")
				.isLessThanOrEqualTo(RECEIVE_MAXIMUM);
			assertThat(lost).as("connections lost").hasValue(0);
			assertThat(client.isConnected()).isTrue();
		});
	}

}
