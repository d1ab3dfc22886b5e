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
import io.github.mqttboot.client.MqttClientEvents;
import io.github.mqttboot.client.TestClients;
import io.github.mqttboot.core.PublishResult;
import io.github.mqttboot.testsupport.MosquittoBroker;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.annotation.Configuration;

import static io.github.mqttboot.listener.ListenerTestSupport.connected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A listener that takes 10 ms per message, flooded with a minute of work, keep-alive 5 s: the
 * connection must never stall (0 disconnects) and nothing may be lost. Raw Paho with the same
 * callback runs beside it, for the report.
 */
class SlowListenerFloodTests {

	private static final int MESSAGES = 6000;

	private static final long HANDLER_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

	// the broker must hold the backlog: Mosquitto drops beyond 1000 queued messages by default
	@RegisterExtension
	static final MosquittoBroker broker = MosquittoBroker.create().config("max_queued_messages 0");

	@Test
	void slowListenerNeverStallsTheConnectionAndLosesNothing() throws Exception {
		RawPahoSubscriber raw = new RawPahoSubscriber(broker.uri());
		try {
			ListenerTestSupport.runner(broker.uri())
				.withPropertyValues("mqtt.keep-alive=5s", "mqtt.listener.queue-capacity=100")
				.withUserConfiguration(SlowListener.class)
				.run((context) -> {
					ManagedMqttClient client = connected(context);
					AtomicInteger lost = new AtomicInteger();
					client.addEventListener(new MqttClientEvents() {

						@Override
						public void connectionLost() {
							lost.incrementAndGet();
						}

					});
					long start = System.nanoTime();
					flood();
					SlowListener listener = context.getBean(SlowListener.class);
					await().atMost(Duration.ofMinutes(3))
						.pollInterval(Duration.ofSeconds(1))
						.until(() -> listener.received.get() >= MESSAGES);
					long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
					String report = String.format("FLOOD-REPORT starter: %d of %d received in %d s, %d disconnects, "
							+ "out of order %d | raw Paho (same 10 ms callback, auto ack): %d received, %s%n",
							listener.received.get(), MESSAGES, seconds, lost.get(), listener.outOfOrder.get(),
							raw.received.get(), raw.describe());
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

	/** Raw Paho written as a user would, with the same slow callback, for comparison only. */
	static final class RawPahoSubscriber implements MqttCallback {

		final AtomicInteger received = new AtomicInteger();

		private final MqttAsyncClient client;

		private final long start = System.nanoTime();

		private volatile long disconnectedAfterMillis = -1;

		private volatile String reason;

		RawPahoSubscriber(String uri) throws MqttException {
			this.client = new MqttAsyncClient(uri, "raw-flood-" + System.nanoTime(), new MemoryPersistence());
			this.client.setCallback(this);
			MqttConnectionOptions options = new MqttConnectionOptions();
			options.setKeepAliveInterval(5);
			this.client.connect(options).waitForCompletion(10_000);
			this.client.subscribe("flood/data", 1).waitForCompletion(10_000);
		}

		String describe() {
			return (this.disconnectedAfterMillis < 0) ? "stayed connected"
					: "disconnected after " + this.disconnectedAfterMillis + " ms (" + this.reason + ")";
		}

		@Override
		public void messageArrived(String topic, MqttMessage message) {
			this.received.incrementAndGet();
			LockSupport.parkNanos(HANDLER_NANOS);
		}

		@Override
		public void disconnected(MqttDisconnectResponse response) {
			this.disconnectedAfterMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - this.start);
			this.reason = String.valueOf(response.getException());
		}

		@Override
		public void mqttErrorOccurred(MqttException exception) {
		}

		@Override
		public void deliveryComplete(IMqttToken token) {
		}

		@Override
		public void connectComplete(boolean reconnect, String serverUri) {
		}

		@Override
		public void authPacketArrived(int reasonCode, MqttProperties properties) {
		}

		void close() {
			try {
				this.client.disconnectForcibly(0, 0, false);
			}
			catch (MqttException ex) {
				// already disconnected
			}
			try {
				this.client.close(true);
			}
			catch (MqttException ex) {
				// nothing left to close
			}
		}

	}

}
