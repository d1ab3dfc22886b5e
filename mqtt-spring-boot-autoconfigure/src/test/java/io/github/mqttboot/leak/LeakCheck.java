package io.github.mqttboot.leak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.mqttboot.client.DriverPair;
import io.github.mqttboot.client.ManagedMqttClient;
import io.github.mqttboot.client.MqttClientEvents;
import io.github.mqttboot.client.TestClients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What every leak scenario asserts and reports: owned threads back to the connected baseline,
 * the JVM's MQTT threads back to theirs, no pending work, nothing owned after stop, heap bounded.
 */
public final class LeakCheck implements MqttClientEvents, AutoCloseable {

	/** Heap the scenarios may keep after a run, on top of the heap before it. */
	static final long HEAP_BOUND_BYTES = 64L * 1024 * 1024;

	static final Path REPORT = Path.of("target", "leak-report.txt");

	private final String scenario;

	private final int jvmMqttThreadsBefore = TestClients.mqttThreads().size();

	private final long heapBefore = usedHeap();

	private final long startNanos = System.nanoTime();

	public final AtomicInteger failures = new AtomicInteger();

	public final AtomicInteger successes = new AtomicInteger();

	final AtomicInteger lost = new AtomicInteger();

	private final AtomicInteger peakOwned = new AtomicInteger();

	private ManagedMqttClient client;

	public LeakCheck(String scenario) {
		this.scenario = scenario;
	}

	static int attempts() {
		return Math.max(100, Integer.getInteger("mqtt.leak.attempts", 100));
	}

	/**
	 * Attempts per scenario for a pair: {@code mqtt.leak.attempts} for the default (Paho, MQTT
	 * 5), {@code mqtt.leak.attempts.other-drivers} (20 by default, 100 in CI) for the others, so
	 * that the default run stays within its time budget.
	 */
	static int attempts(DriverPair pair) {
		return pair.isDefault() ? attempts() : Math.max(1, Integer.getInteger("mqtt.leak.attempts.other-drivers", 20));
	}

	/**
	 * Measures how many threads a connected client owns.
	 * @param uri the broker
	 * @return the count
	 */
	static int connectedBaseline(String uri) {
		return connectedBaseline(DriverPair.PAHO_V5, uri);
	}

	/**
	 * Measures how many threads a connected client of the given pair owns: the supervisor and
	 * one connection's threads.
	 * @param pair the driver and protocol
	 * @param uri the broker
	 * @return the count
	 */
	static int connectedBaseline(DriverPair pair, String uri) {
		ManagedMqttClient reference = TestClients.client(pair, "reference", uri);
		reference.start();
		try {
			await().atMost(TestClients.await()).until(reference::isConnected);
			// Paho's pool grows to its size once the keep-alive ping is scheduled
			int expected = 1 + pair.newDriver().threadsPerConnection();
			await().atMost(Duration.ofSeconds(5)).until(() -> reference.getThreadCount() == expected);
			return reference.getThreadCount();
		}
		finally {
			reference.stop();
		}
	}

	public ManagedMqttClient watch(ManagedMqttClient client) {
		this.client = client;
		client.addEventListener(this);
		return client;
	}

	@Override
	public void connectAttempt(boolean success) {
		(success ? this.successes : this.failures).incrementAndGet();
		this.peakOwned.accumulateAndGet(this.client.getThreadCount(), Math::max);
	}

	@Override
	public void connectionLost() {
		this.lost.incrementAndGet();
	}

	/**
	 * Owned threads back to the connected baseline, every MQTT thread of the JVM owned, no
	 * pending work and no stranded thread; call while connected.
	 */
	public void assertBackToConnectedBaseline(int connectedBaseline) {
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.client.getThreadCount()).as("owned threads while connected")
				.isEqualTo(connectedBaseline));
		// the JVM's list has platform threads only: owned virtual workers show in the count above
		assertThat(TestClients.mqttThreads()).as("JVM threads named after MQTT")
			.hasSize(this.jvmMqttThreadsBefore + TestClients.platformThreads(this.client.getOwnedThreads()).size())
			.allSatisfy((thread) -> assertThat(this.client.getOwnedThreads().contains(thread)).as(thread.getName()).isTrue());
		await().atMost(Duration.ofSeconds(5)).until(() -> this.client.getPendingWorkCount() == 0);
		assertThat(this.client.getStrandedThreads()).as("stranded threads").isZero();
	}

	/** Stops the client; nothing owned remains, the JVM's MQTT threads and heap are back. */
	public void assertReleasedAfterStop(int attempts) {
		assertReleasedAfter(this.client::stop, attempts);
	}

	/** Runs what stops the client and everything on it, then asserts as {@link #assertReleasedAfterStop}. */
	void assertReleasedAfter(Runnable stop, int attempts) {
		int ownedBeforeStop = this.client.getThreadCount();
		stop.run();
		assertThat(this.client.getThreadCount()).as("owned threads after stop").isZero();
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(TestClients.mqttThreads()).as("JVM threads named after MQTT after stop")
				.hasSize(this.jvmMqttThreadsBefore));
		assertThat(this.client.getPendingWorkCount()).isZero();
		long heapDelta = usedHeap() - this.heapBefore;
		assertThat(heapDelta).as("heap kept by the run").isLessThan(HEAP_BOUND_BYTES);
		report(attempts, ownedBeforeStop, heapDelta);
	}

	private void report(int attempts, int ownedBeforeStop, long heapDelta) {
		String line = String.format("%s attempts=%d failures=%d successes=%d lost=%d peakOwnedThreads=%d "
				+ "ownedBeforeStop=%d ownedAfterStop=%d jvmMqttThreadsAfterStop=%d heapDeltaKiB=%d durationMs=%d%n",
				this.scenario, attempts, this.failures.get(), this.successes.get(), this.lost.get(),
				this.peakOwned.get(), ownedBeforeStop, this.client.getThreadCount(),
				TestClients.mqttThreads().size() - this.jvmMqttThreadsBefore, heapDelta / 1024,
				Duration.ofNanos(System.nanoTime() - this.startNanos).toMillis());
		System.out.print("LEAK-SUITE " + line);
		try {
			Files.createDirectories(REPORT.getParent());
			Files.writeString(REPORT, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
					StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Stops a client that a failed scenario left running, so that the next one starts clean. */
	@Override
	public void close() {
		if (this.client != null && this.client.isRunning()) {
			this.client.stop();
		}
	}

	static long usedHeap() {
		System.gc();
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

}
