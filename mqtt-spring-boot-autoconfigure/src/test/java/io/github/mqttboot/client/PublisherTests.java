package io.github.mqttboot.client;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.github.mqttboot.client.driver.ConnectionInfo;
import io.github.mqttboot.client.driver.DriverConnection;
import io.github.mqttboot.client.driver.SubscriptionRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The outbound buffer against connections that fail, stall, lag or acknowledge on another
 * thread, as the drivers do.
 */
class PublisherTests {

	private static final int WINDOW = 10;

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

	private final ExecutorService broker = Executors.newSingleThreadExecutor();

	// callers of their own: the common pool has a single thread on a 2-core machine (Java 25 uses it)
	private final ExecutorService callers = Executors.newCachedThreadPool();

	private final AtomicInteger attempts = new AtomicInteger();

	private final List<String> sent = new CopyOnWriteArrayList<>();

	private final Publisher publisher = new Publisher(100_000, WINDOW, new MqttClientEvents() {
	}, Runnable::run);

	@AfterEach
	void shutDown() {
		this.scheduler.shutdownNow();
		this.broker.shutdownNow();
		this.callers.shutdownNow();
	}

	@Test
	void aPublishThatFailsAtOnceIsRetriedShortlyInsteadOfSpinningUnderTheLock() throws Exception {
		connect((message) -> CompletableFuture.failedFuture(new IOException("Client is not connected")));
		CompletableFuture<PublishResult> published = CompletableFuture.supplyAsync(() -> publish("a/b"), this.callers)
			.get(5, TimeUnit.SECONDS);
		// the loss of the connection gets the lock; the publish waits for the next connection
		this.publisher.disconnected();
		assertThat(published).isNotDone();
		assertThat(this.publisher.buffered()).isOne();
		assertThat(this.attempts.get()).isBetween(1, 3);
	}

	@Test
	void aCallerIsNotHeldByADriverThatIsSlowToTakeAPublish() throws Exception {
		CountDownLatch driverReleased = new CountDownLatch(1);
		CountDownLatch driverEntered = new CountDownLatch(1);
		connect((message) -> {
			driverEntered.countDown();
			awaitQuietly(driverReleased);
			return CompletableFuture.completedFuture(1);
		});
		CompletableFuture<CompletableFuture<PublishResult>> first = CompletableFuture.supplyAsync(() -> publish("first"), this.callers);
		assertThat(driverEntered.await(5, TimeUnit.SECONDS)).isTrue();
		CompletableFuture<PublishResult> second = CompletableFuture.supplyAsync(() -> publish("second"), this.callers)
			.get(5, TimeUnit.SECONDS);
		assertThat(second).isNotDone();
		assertThat(this.publisher.buffered()).isOne();
		driverReleased.countDown();
		second.get(5, TimeUnit.SECONDS);
		first.get(5, TimeUnit.SECONDS).get(5, TimeUnit.SECONDS);
		assertThat(this.sent).containsExactly("first", "second");
	}

	@Test
	void aCallbackOnThePublishFutureRunsOutsideThePublishersLock() throws Exception {
		CompletableFuture<Integer> acknowledgement = new CompletableFuture<>();
		connect((message) -> acknowledgement);
		CompletableFuture<Boolean> otherThreadGotTheLock = publish("a/b").thenApply((result) -> {
			CompletableFuture<Integer> buffered = CompletableFuture.supplyAsync(this.publisher::buffered, this.callers);
			try {
				return buffered.get(5, TimeUnit.SECONDS) == 0;
			}
			catch (Exception ex) {
				return false;
			}
		});
		// acknowledged on the driver's thread, as a PUBACK is
		this.broker.execute(() -> acknowledgement.complete(1));
		assertThat(otherThreadGotTheLock.get(10, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void publishesReachTheDriverInCallOrderWithinTheWindowWhileAcknowledgementsArriveOnAnotherThread()
			throws Exception {
		AtomicInteger unacknowledged = new AtomicInteger();
		AtomicInteger mostUnacknowledged = new AtomicInteger();
		connect((message) -> {
			mostUnacknowledged.accumulateAndGet(unacknowledged.incrementAndGet(), Math::max);
			return CompletableFuture.supplyAsync(() -> {
				unacknowledged.decrementAndGet();
				return 1;
			}, this.broker);
		});
		List<CompletableFuture<PublishResult>> futures = new ArrayList<>();
		for (int i = 0; i < 10_000; i++) {
			futures.add(publish(Integer.toString(i)));
		}
		CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
		assertThat(this.sent).hasSize(10_000);
		for (int i = 0; i < 10_000; i++) {
			assertThat(this.sent.get(i)).isEqualTo(Integer.toString(i));
		}
		assertThat(mostUnacknowledged.get()).isLessThanOrEqualTo(WINDOW);
		assertThat(this.publisher.inflight()).isZero();
	}

	@Test
	void aDriverThatCountsAcknowledgementsLateIsRetriedOnTheNextAcknowledgementNotInALoop() throws Exception {
		// the driver's own window is 3 and it frees a slot only after the caller's future completes
		AtomicInteger driverInflight = new AtomicInteger();
		connect((message) -> {
			if (driverInflight.get() >= 3) {
				throw new WindowFull();
			}
			driverInflight.incrementAndGet();
			CompletableFuture<Integer> acknowledged = new CompletableFuture<>();
			this.broker.execute(() -> {
				acknowledged.complete(1);
				driverInflight.decrementAndGet();
			});
			return acknowledged;
		});
		List<CompletableFuture<PublishResult>> futures = new ArrayList<>();
		for (int i = 0; i < 1_000; i++) {
			futures.add(publish(Integer.toString(i)));
		}
		CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
		assertThat(this.sent).hasSize(1_000);
		// each refusal waits for an acknowledgement or a 5 ms pause: at most about one per message
		assertThat(this.attempts.get() - 1_000).isLessThan(2_000);
	}

	@Test
	void aStopWaitingForTheBufferToDrainReturnsWhenTheConnectionIsLost() throws Exception {
		connect((message) -> new CompletableFuture<>());
		publish("never/acknowledged");
		CompletableFuture<Boolean> drained = CompletableFuture.supplyAsync(() -> {
			try {
				return this.publisher.awaitDrained(System.nanoTime() + TimeUnit.SECONDS.toNanos(60));
			}
			catch (InterruptedException ex) {
				throw new IllegalStateException(ex);
			}
		}, this.callers);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.publisher.inflight() == 1);
		this.publisher.disconnected();
		assertThat(drained.get(5, TimeUnit.SECONDS)).isFalse();
		assertThat(this.publisher.buffered()).isOne();
	}

	private CompletableFuture<PublishResult> publish(String topic) {
		return this.publisher
			.publish(new OutboundMessage(topic, new byte[] { 1 }, 1, false, MqttMessageProperties.NONE));
	}

	private void connect(Function<OutboundMessage, CompletableFuture<Integer>> driver) {
		this.publisher.connected(new FakeConnection(driver),
				new ConnectionInfo(URI.create("tcp://127.0.0.1:1"), false, WINDOW, 0, 0), this.scheduler);
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Thrown where the interface declares a checked exception the lambda cannot. */
	private static final class WindowFull extends RuntimeException {

	}

	/** A connection whose publish is the given function; records what it took, in order. */
	private final class FakeConnection implements DriverConnection {

		private final Function<OutboundMessage, CompletableFuture<Integer>> driver;

		FakeConnection(Function<OutboundMessage, CompletableFuture<Integer>> driver) {
			this.driver = driver;
		}

		@Override
		public CompletableFuture<ConnectionInfo> connected() {
			return new CompletableFuture<>();
		}

		@Override
		public CompletableFuture<Integer> publish(OutboundMessage message) throws WindowFullException {
			PublisherTests.this.attempts.incrementAndGet();
			CompletableFuture<Integer> result;
			try {
				result = this.driver.apply(message);
			}
			catch (WindowFull ex) {
				throw new WindowFullException(ex);
			}
			PublisherTests.this.sent.add(message.topic());
			return result;
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
