package io.github.mqttboot.client;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.github.mqttboot.client.driver.ConnectRequest;
import io.github.mqttboot.client.driver.ConnectionInfo;
import io.github.mqttboot.client.driver.DriverConnection;
import io.github.mqttboot.client.driver.DriverListener;
import io.github.mqttboot.client.driver.MqttDriver;
import io.github.mqttboot.client.driver.SubscriptionRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The client's state when the driver's reports race: {@code stop()} racing a connect that
 * completes and a connection that is lost at the same moment (the client always ends
 * {@code STOPPED}, and nothing but {@code STOPPED} ever follows {@code STOPPING}), a loss
 * reported while the subscriptions are being restored, before their acknowledgement, and an
 * attempt that returns from the driver after its run was stopped and a new one started. The
 * driver is a stand-in whose connect, subscribe and loss the test completes itself.
 */
class ClientStateRaceTests {

	private static final int ROUNDS = 300;

	@Test
	void stopAlwaysWinsAgainstAConnectAndALossCompletingAtTheSameMoment() throws Exception {
		for (int round = 0; round < ROUNDS; round++) {
			StandInDriver driver = new StandInDriver();
			MqttClientSettings settings = TestClients.settings("tcp://127.0.0.1:1");
			settings.setShutdownTimeout(Duration.ofSeconds(5));
			ManagedMqttClient client = new ManagedMqttClient("race", settings, driver);
			List<String> transitions = Collections.synchronizedList(new ArrayList<>());
			client.addStateListener((previous, current) -> transitions.add(previous + ">" + current));
			client.start();
			Attempt attempt = driver.attempts.poll(5, TimeUnit.SECONDS);
			assertThat(attempt).as("connect attempt").isNotNull();
			CyclicBarrier together = new CyclicBarrier(3);
			Thread connect = race(together, () -> attempt.connected.complete(
					new ConnectionInfo(URI.create("tcp://127.0.0.1:1"), false, 10, 0, 0)));
			Thread loss = race(together, () -> attempt.listener.connectionLost(new IllegalStateException("lost")));
			together.await(5, TimeUnit.SECONDS);
			client.stop();
			connect.join(5000);
			loss.join(5000);
			assertThat(client.getState()).as("round " + round + ": " + transitions).isEqualTo(ClientState.STOPPED);
			List<String> seen = List.copyOf(transitions);
			int stopping = seen.indexOf(seen.stream().filter((move) -> move.endsWith(">STOPPING")).findFirst().orElseThrow());
			assertThat(seen.subList(stopping + 1, seen.size())).as("round " + round + ": " + seen)
				.containsExactly("STOPPING>STOPPED");
		}
	}

	@Test
	void aConnectionLostWhileItsSubscriptionsAreRestoredIsReplacedNotReportedConnected() throws Exception {
		StandInDriver driver = new StandInDriver();
		driver.holdSubscribes = true;
		MqttClientSettings settings = TestClients.settings("tcp://127.0.0.1:1");
		ManagedMqttClient client = new ManagedMqttClient("restoring", settings, driver);
		client.subscribe("sensors/+", 1, (message) -> {
		});
		client.start();
		try {
			Attempt attempt = driver.attempts.poll(5, TimeUnit.SECONDS);
			assertThat(attempt).as("connect attempt").isNotNull();
			attempt.connected.complete(new ConnectionInfo(URI.create("tcp://127.0.0.1:1"), false, 10, 0, 0));
			CompletableFuture<int[]> restore = driver.subscribes.poll(5, TimeUnit.SECONDS);
			assertThat(restore).as("restore of the subscriptions").isNotNull();
			// lost before the SUBACK is seen (HiveMQ completes it on a callback thread that may be busy)
			attempt.listener.connectionLost(new IllegalStateException("lost"));
			restore.complete(new int[] { 1 });
			assertThat(driver.attempts.poll(5, TimeUnit.SECONDS)).as("a new attempt").isNotNull();
			assertThat(client.getState()).isNotEqualTo(ClientState.CONNECTED);
		}
		finally {
			client.stop();
		}
	}

	private static Thread race(CyclicBarrier together, Runnable action) {
		Thread thread = new Thread(() -> {
			try {
				together.await(5, TimeUnit.SECONDS);
				action.run();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}, "race");
		thread.start();
		return thread;
	}

	@Test
	void anAttemptHeldPastAStopAndAStartIsReleasedAndLeavesTheNewRunAlone() throws Exception {
		StandInDriver driver = new StandInDriver();
		CountDownLatch held = new CountDownLatch(1);
		driver.holdNextConnect = held;
		MqttClientSettings settings = TestClients.settings("tcp://127.0.0.1:1");
		settings.setShutdownTimeout(Duration.ofMillis(300));
		settings.setConnectionTimeout(Duration.ofSeconds(30));
		ManagedMqttClient client = new ManagedMqttClient("held", settings, driver);
		client.start();
		try {
			// the first run's attempt is in the driver (a customizer that ignores interrupts)
			await().atMost(Duration.ofSeconds(5)).until(() -> driver.holding);
			client.stop();
			client.start();
			Attempt second = driver.attempts.poll(5, TimeUnit.SECONDS);
			assertThat(second).as("the new run's attempt").isNotNull();
			second.connected.complete(new ConnectionInfo(URI.create("tcp://127.0.0.1:1"), false, 10, 0, 0));
			await().atMost(Duration.ofSeconds(5)).until(client::isConnected);
			held.countDown();
			Attempt first = driver.attempts.poll(5, TimeUnit.SECONDS);
			assertThat(first).as("the first run's attempt, returned late").isNotNull();
			assertThat(first.closed).succeedsWithin(Duration.ofSeconds(5));
			assertThat(second.closed).isNotDone();
			await().atMost(Duration.ofSeconds(5)).until(() -> client.getPendingWorkCount() == 0);
			assertThat(client.getState()).isEqualTo(ClientState.CONNECTED);
		}
		finally {
			held.countDown();
			client.stop();
		}
	}

	private record Attempt(CompletableFuture<ConnectionInfo> connected, DriverListener listener,
			CompletableFuture<Void> closed) {
	}

	/** Connects when the test says so, subscribes too if held; everything else succeeds at once. */
	private static final class StandInDriver implements MqttDriver {

		private final BlockingQueue<Attempt> attempts = new LinkedBlockingQueue<>();

		private final BlockingQueue<CompletableFuture<int[]>> subscribes = new LinkedBlockingQueue<>();

		private volatile boolean holdSubscribes;

		/** Holds the next connect until counted down, interrupts ignored; then cleared. */
		private volatile CountDownLatch holdNextConnect;

		private volatile boolean holding;

		@Override
		public DriverConnection connect(ConnectRequest request, DriverListener listener) {
			CountDownLatch hold = this.holdNextConnect;
			if (hold != null) {
				this.holdNextConnect = null;
				this.holding = true;
				TestClients.awaitIgnoringInterrupts(hold);
			}
			CompletableFuture<ConnectionInfo> connected = new CompletableFuture<>();
			CompletableFuture<Void> closed = new CompletableFuture<>();
			this.attempts.add(new Attempt(connected, listener, closed));
			return new DriverConnection() {

				@Override
				public CompletableFuture<ConnectionInfo> connected() {
					return connected;
				}

				@Override
				public CompletableFuture<Integer> publish(OutboundMessage message) {
					return CompletableFuture.completedFuture(0);
				}

				@Override
				public CompletableFuture<int[]> subscribe(List<SubscriptionRequest> subscriptions) {
					if (!StandInDriver.this.holdSubscribes) {
						return CompletableFuture.completedFuture(new int[subscriptions.size()]);
					}
					CompletableFuture<int[]> held = new CompletableFuture<>();
					StandInDriver.this.subscribes.add(held);
					return held;
				}

				@Override
				public CompletableFuture<Void> unsubscribe(List<String> filters) {
					return CompletableFuture.completedFuture(null);
				}

				@Override
				public void disconnect(Duration timeout) {
				}

				@Override
				public void close() {
					closed.complete(null);
				}

			};
		}

	}

}
