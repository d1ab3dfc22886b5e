package io.github.mqttboot.client;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.mqttboot.core.PublishResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbound buffer against a connection that fails every publish at once, as a Paho client
 * does between losing its socket and the supervisor hearing of it.
 */
class PublisherTests {

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

	private final AtomicInteger attempts = new AtomicInteger();

	private final Publisher publisher = new Publisher(10, 10, new MqttClientEvents() {
	});

	@AfterEach
	void shutDown() {
		this.scheduler.shutdownNow();
	}

	@Test
	void aPublishThatFailsAtOnceIsRetriedShortlyInsteadOfSpinningUnderTheLock() throws Exception {
		this.publisher.connected(new FailingAtOnce(), new ConnectionInfo(URI.create("tcp://127.0.0.1:1"), false, 10, 0, 0),
				this.scheduler);
		CompletableFuture<PublishResult> published = CompletableFuture
			.supplyAsync(() -> this.publisher.publish(new OutboundMessage("a/b", new byte[] { 1 }, 1, false,
					MqttMessageProperties.NONE)))
			.get(5, TimeUnit.SECONDS)
			.toCompletableFuture();
		// the loss of the connection gets the lock; the publish waits for the next connection
		this.publisher.disconnected();
		assertThat(published).isNotDone();
		assertThat(this.publisher.buffered()).isOne();
		assertThat(this.attempts.get()).isBetween(1, 3);
	}

	/** A connection on its way out: every publish fails before it returns. */
	private final class FailingAtOnce implements DriverConnection {

		@Override
		public CompletableFuture<ConnectionInfo> connected() {
			return new CompletableFuture<>();
		}

		@Override
		public CompletableFuture<Integer> publish(OutboundMessage message) {
			PublisherTests.this.attempts.incrementAndGet();
			return CompletableFuture.failedFuture(new IOException("Client is not connected"));
		}

		@Override
		public CompletableFuture<int[]> subscribe(List<SubscriptionRequest> subscriptions) {
			return new CompletableFuture<>();
		}

		@Override
		public CompletableFuture<Void> unsubscribe(List<String> filters) {
			return new CompletableFuture<>();
		}

		@Override
		public void disconnect(Duration timeout) {
		}

		@Override
		public void close() {
		}

	}

}
