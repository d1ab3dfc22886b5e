package io.github.mqttboot.client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import io.github.mqttboot.embedded.EmbeddedMqttBroker;
import io.github.mqttboot.testsupport.TestClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The supervised client on the embedded broker, which runs wherever a JDK does.
 */
class ManagedMqttClientEmbeddedBrokerTests {

	private static EmbeddedMqttBroker broker;

	private ManagedMqttClient client;

	@BeforeAll
	static void startBroker() {
		broker = new EmbeddedMqttBroker(0);
		broker.start();
	}

	static List<DriverPair> mqtt5() {
		return DriverPair.pairs().stream().filter(DriverPair::isMqtt5).toList();
	}

	@AfterAll
	static void stopBroker() {
		broker.stop();
	}

	@AfterEach
	void stopClient() {
		if (this.client != null) {
			this.client.stop();
			assertThat(this.client.getThreadCount()).isZero();
		}
	}

	@Test
	void pipelinesTenThousandQos1PublishesThroughAReceiveMaximumOfTen() throws Exception {
		this.client = TestClients.client("pipeline", broker.getServerUri());
		this.client.start();
		await().atMost(TestClients.await()).until(this.client::isConnected);
		assertThat(this.client.getConnectionInfo().receiveMaximum()).isEqualTo(10);
		AtomicInteger received = new AtomicInteger();
		this.client.subscribe("pipeline/#", 1, (message) -> received.incrementAndGet()).get(10, TimeUnit.SECONDS);
		List<CompletableFuture<PublishResult>> sent = IntStream.range(0, 10_000)
			.mapToObj((i) -> this.client.publish("pipeline/" + (i % 10), ("m" + i).getBytes(StandardCharsets.UTF_8), 1,
					false))
			.toList();
		CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
		assertThat(sent).allSatisfy((future) -> assertThat(future).isCompleted().isNotCompletedExceptionally());
		await().atMost(TestClients.await()).until(() -> received.get() == 10_000);
		assertThat(this.client.getInflight()).isZero();
		assertThat(this.client.getBuffered()).isZero();
	}

	@Test
	void publishesAndReceivesThroughTheEmbeddedBroker() throws Exception {
		this.client = TestClients.client("embedded", broker.getServerUri());
		this.client.start();
		await().atMost(TestClients.await()).until(this.client::isConnected);
		CompletableFuture<String> received = new CompletableFuture<>();
		this.client.subscribe("hello/+", 2,
				(message) -> received.complete(new String(message.payload(), StandardCharsets.UTF_8)))
			.get(10, TimeUnit.SECONDS);
		this.client.publish("hello/world", "hi".getBytes(StandardCharsets.UTF_8), 2, false).get(10, TimeUnit.SECONDS);
		assertThat(received.get(10, TimeUnit.SECONDS)).isEqualTo("hi");
	}

	/**
	 * The embedded HiveMQ says why it ends a connection, unlike Mosquitto 2.0, which just closes
	 * the socket: each MQTT 5 driver reports DISCONNECT 0x8E (session taken over), and the client
	 * takes a single takeover for a client id conflict.
	 */
	@ParameterizedTest(name = "{0}")
	@MethodSource("mqtt5")
	void sessionTakenOverIsReportedWithItsReasonCodeAndIsAConflictAtOnce(DriverPair pair) throws Exception {
		List<Throwable> losses = new CopyOnWriteArrayList<>();
		this.client = TestClients.client(pair, "takeover", (settings) -> {
			settings.setReconnectInitialDelay(Duration.ofSeconds(1));
			settings.setReconnectStableAfter(Duration.ofSeconds(2));
		}, broker.getServerUri());
		this.client.addEventListener(new MqttClientEvents() {

			@Override
			public void connectionLost(Throwable cause) {
				losses.add(cause);
			}

		});
		this.client.start();
		await().atMost(TestClients.await()).until(this.client::isConnected);
		try (TestClient other = new TestClient(broker.getServerUri(), this.client.getClientId())) {
			other.connect(new MqttConnectionOptions());
			await().atMost(TestClients.await()).until(this.client::isClientIdConflict);
			assertThat(losses).singleElement()
				.isInstanceOfSatisfying(MqttDisconnectedException.class, (disconnect) -> {
					assertThat(disconnect.getReasonCode()).isEqualTo(0x8E);
					assertThat(disconnect.isSessionTakenOver()).isTrue();
					assertThat(disconnect).hasMessageContaining("0x8e (session taken over");
				});
			assertThat(this.client.getClientIdConflict()).startsWith("Probable client id conflict")
				.contains("reason code 0x8e (session taken over)")
				.contains("'" + this.client.getClientId() + "'");
			// the other client does not come back: ours takes the id back and keeps it
			await().atMost(TestClients.await()).until(() -> this.client.isConnected() && !this.client.isClientIdConflict());
			assertThat(losses).hasSize(1);
		}
	}

}
