package io.github.mqttboot.listener;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.github.mqttboot.annotation.MqttListener;
import io.github.mqttboot.client.ManagedMqttClient;
import io.github.mqttboot.client.PublishResult;
import io.github.mqttboot.client.TestClients;
import io.github.mqttboot.testsupport.TestBroker;
import io.github.mqttboot.testsupport.TestClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.annotation.Configuration;

import static io.github.mqttboot.listener.ListenerTestSupport.connected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A listener that takes 10 ms per message, flooded with a minute of work, keep-alive 5 s: the
 * connection must never stall (0 disconnects) and nothing may be lost. Raw Paho with the same
 * callback (automatic acknowledgements) runs beside it, for the report.
 */
class SlowListenerFloodTests {

	private static final int MESSAGES = 6000;

	private static final long HANDLER_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

	// the broker must hold the backlog: both brokers drop beyond 1000 queued messages by default
	@RegisterExtension
	static final TestBroker broker = TestBroker.create().unboundedQueues();

	@Test
	void slowListenerNeverStallsTheConnectionAndLosesNothing() throws Exception {
		long start = System.nanoTime();
		TestClient raw = new TestClient(broker.uri()).onMessage(() -> LockSupport.parkNanos(HANDLER_NANOS));
		MqttConnectionOptions rawOptions = new MqttConnectionOptions();
		rawOptions.setKeepAliveInterval(5);
		raw.connect(rawOptions);
		raw.mqtt.subscribe("flood/data", 1).waitForCompletion(10_000);
		try {
			ListenerTestSupport.runner(broker.uri())
				.withPropertyValues("mqtt.keep-alive=5s", "mqtt.listener.queue-capacity=100")
				.withUserConfiguration(SlowListener.class)
				.run((context) -> {
					ManagedMqttClient client = connected(context);
					AtomicInteger lost = TestClients.countLosses(client);
					flood();
					SlowListener listener = context.getBean(SlowListener.class);
					await().atMost(Duration.ofMinutes(3))
						.pollInterval(Duration.ofSeconds(1))
						.until(() -> listener.received.get() >= MESSAGES);
					long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
					String report = String.format("FLOOD-REPORT starter: %d of %d received in %d s, %d disconnects, "
							+ "out of order %d | raw Paho (same 10 ms callback, auto ack): %d received, %s%n",
							listener.received.get(), MESSAGES, seconds, lost.get(), listener.outOfOrder.get(),
							raw.messages.size(), describe(raw, start));
					System.out.print(report);
					java.nio.file.Files.writeString(java.nio.file.Path.of("target", "flood-report.txt"), report);
					assertThat(lost).hasValue(0);
					assertThat(listener.received).hasValue(MESSAGES);
					assertThat(listener.outOfOrder).hasValue(0);
					assertThat(client.isConnected()).isTrue();
				});
		}
		finally {
			raw.close();
		}
	}

	private static String describe(TestClient raw, long start) {
		long disconnected = raw.lastDisconnectNanos.get();
		return (disconnected == 0) ? "stayed connected" : "disconnected after "
				+ TimeUnit.NANOSECONDS.toMillis(disconnected - start) + " ms, " + raw.disconnects.get() + " disconnects";
	}

	private static void flood() throws Exception {
		ManagedMqttClient publisher = TestClients.client("flooder", broker.uri());
		publisher.start();
		try {
			await().atMost(TestClients.await()).until(publisher::isConnected);
			List<CompletableFuture<PublishResult>> sent = new ArrayList<>();
			for (int i = 0; i < MESSAGES; i++) {
				sent.add(publisher.publish("flood/data", String.valueOf(i).getBytes(StandardCharsets.UTF_8), 1, false));
			}
			CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
		}
		finally {
			publisher.stop();
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class SlowListener {

		final AtomicInteger received = new AtomicInteger();

		final AtomicInteger outOfOrder = new AtomicInteger();

		private final AtomicLong last = new AtomicLong(-1);

		@MqttListener(topics = "flood/data")
		void on(String payload) {
			long value = Long.parseLong(payload);
			if (value != this.last.get() + 1) {
				this.outOfOrder.incrementAndGet();
			}
			this.last.set(value);
			this.received.incrementAndGet();
			// simulated work, not a wait for anything
			LockSupport.parkNanos(HANDLER_NANOS);
		}

	}

}
