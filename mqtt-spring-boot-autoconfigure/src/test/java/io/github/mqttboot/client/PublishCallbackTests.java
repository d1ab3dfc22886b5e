package io.github.mqttboot.client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.mqttboot.testsupport.TestBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * User code never runs on the connection's I/O threads: a publish callback that blocks delays
 * neither another publish's acknowledgement nor an inbound message.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.github.mqttboot.client.DriverPair#pairs")
class PublishCallbackTests {

	@Parameter
	DriverPair pair;

	@RegisterExtension
	static final TestBroker broker = TestBroker.create();

	private final CountDownLatch release = new CountDownLatch(1);

	private ManagedMqttClient client;

	@AfterEach
	void stop() {
		this.release.countDown();
		if (this.client != null) {
			this.client.stop();
		}
	}

	@Test
	void aBlockingCallbackDelaysNoOtherAcknowledgementAndNoInboundMessage() throws Exception {
		this.client = TestClients.client(this.pair, "callbacks", broker.uri());
		this.client.start();
		await().atMost(TestClients.await()).until(this.client::isConnected);
		CompletableFuture<String> echoed = new CompletableFuture<>();
		this.client.subscribe("echo/in", 1, (message) -> echoed.complete(new String(message.payload(), StandardCharsets.UTF_8)))
			.get(5, TimeUnit.SECONDS);
		CountDownLatch blocking = new CountDownLatch(1);
		publish("slow/1").thenAccept((result) -> {
			blocking.countDown();
			awaitQuietly(this.release);
		});
		assertThat(blocking.await(5, TimeUnit.SECONDS)).as("the callback runs").isTrue();
		long start = System.nanoTime();
		publish("other/1").get(2, TimeUnit.SECONDS);
		publish("echo/in").get(2, TimeUnit.SECONDS);
		assertThat(echoed.get(2, TimeUnit.SECONDS)).isEqualTo("echo/in");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
	}

	@Test
	void callbacksRunOnTheClientsCallbackThreads() throws Exception {
		this.client = TestClients.client(this.pair, "callbacks", broker.uri());
		this.client.start();
		await().atMost(TestClients.await()).until(this.client::isConnected);
		String thread = publish("named/1").thenApply((result) -> Thread.currentThread().getName()).get(5, TimeUnit.SECONDS);
		assertThat(thread).startsWith("mqtt-callbacks-callback-");
	}

	private CompletableFuture<PublishResult> publish(String topic) {
		return this.client.publish(topic, topic.getBytes(StandardCharsets.UTF_8), 1, false);
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
