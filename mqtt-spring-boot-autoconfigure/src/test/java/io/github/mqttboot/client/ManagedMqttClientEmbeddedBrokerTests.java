package io.github.mqttboot.client;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import io.github.mqttboot.embedded.EmbeddedMqttBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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

}
