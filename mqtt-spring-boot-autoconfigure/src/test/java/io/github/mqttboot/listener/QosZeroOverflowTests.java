package io.github.mqttboot.listener;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

import io.github.mqttboot.annotation.MqttListener;
import io.github.mqttboot.client.DriverPair;
import io.github.mqttboot.client.ManagedMqttClient;
import io.github.mqttboot.client.TestClients;
import io.github.mqttboot.testsummary.TestBrokerSelection;
import io.github.mqttboot.testsupport.TestBroker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import static io.github.mqttboot.listener.ListenerTestSupport.connected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * A QoS 0 flood into a slow listener never stalls the reading thread: with the default
 * {@code mqtt.listener.qos0-overflow=drop}, what does not fit the hand-off is dropped and
 * counted, pings keep flowing (keep-alive 2 s, 0 disconnects), and dropped + handled = sent.
 * A burst into a listener that keeps taking messages, only slower than they arrive, loses none,
 * also through full collections.
 * A flood larger than any buffer on the way loses nothing uncounted, also with a driver that
 * keeps reading while the listener lags, whose drops the client counts and logs as well.
 */
@ExtendWith(OutputCaptureExtension.class)
@ParameterizedClass(name = "{0}")
@EnumSource(names = { "PAHO_V5", "HIVEMQ_V5", "HIVEMQ_V3" })
class QosZeroOverflowTests {

	private static final int MESSAGES = 20_000;

	/** More than the 65,535 messages of backlog HiveMQ's client holds for a lagging callback. */
	private static final int FLOOD = 100_000;

	@Parameter
	DriverPair pair;

	/** Calls this close together leave reading no 10 ms without one. */
	private static final Duration KEEPS_TAKING = Duration.ofMillis(5);

	private static final String LISTENER_NOT_RUN = "the machine did not run the listener for 10 ms";

	private static final Path MOSQUITTO_PUB = Path.of("/usr/bin/mosquitto_pub");

	@RegisterExtension
	static final TestBroker broker = TestBroker.create().unboundedQueues().requireMosquitto("mosquitto_pub");

	@BeforeEach
	void needsMosquittoPub() {
		assumeThat(Files.isExecutable(MOSQUITTO_PUB))
			.as(TestBrokerSelection.MOSQUITTO_NOT_INSTALLED + " [needs mosquitto_pub]")
			.isTrue();
	}

	@Test
	void aQos0FloodIntoASlowListenerIsDroppedAndCountedWithoutADisconnect(CapturedOutput output) throws Exception {
		ListenerTestSupport.runner(this.pair, broker.uri())
			.withPropertyValues("mqtt.keep-alive=2s", "mqtt.listener.queue-capacity=50")
			.withUserConfiguration(SlowListener.class)
			.run((context) -> {
				ManagedMqttClient client = connected(context);
				AtomicInteger lost = TestClients.countLosses(client);
				SlowListener listener = context.getBean(SlowListener.class);
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				floodWithMosquittoPub(MESSAGES);
				await().atMost(Duration.ofMinutes(2))
					.pollInterval(Duration.ofMillis(500))
					.until(() -> listener.handled.get() + dropped(meters, "slow") == MESSAGES);
				assertThat(lost).hasValue(0);
				assertThat(client.isConnected()).isTrue();
				assertThat(dropped(meters, "slow")).isPositive();
				assertThat(output).containsOnlyOnce("Listener 'slow' is full: dropped ");
			});
	}

	@Test
	void aQos0BurstIntoAListenerThatKeepsTakingMessagesLosesNone() throws Exception {
		burstIntoABusyListener(false);
	}

	@Test
	void aQos0BurstIntoAListenerThatKeepsTakingMessagesLosesNoneThroughCollections() throws Exception {
		burstIntoABusyListener(true);
	}

	/**
	 * 20,000 QoS 0 messages into a listener that takes 0.1 ms for each: none dropped, unless
	 * the machine did not run the listener for 10 ms. Full collections one after another
	 * meanwhile if asked: reading waits their pauses out.
	 */
	private void burstIntoABusyListener(boolean collecting) {
		ListenerTestSupport.runner(this.pair, broker.uri())
			.withPropertyValues("mqtt.listener.queue-capacity=50")
			.withUserConfiguration(BusyListener.class)
			.withBean(DropClock.class)
			.run((context) -> {
				ManagedMqttClient client = connected(context);
				AtomicInteger lost = TestClients.countLosses(client);
				BusyListener listener = context.getBean(BusyListener.class);
				DropClock drops = context.getBean(DropClock.class);
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				// a first call loads and links what the listener needs: it is not yet busy
				client.publish("flood/zero", "warm".getBytes(StandardCharsets.UTF_8), 0, false);
				await().atMost(Duration.ofSeconds(30)).until(() -> listener.handled.get() == 1);
				Queue<Pause> pauses = new ConcurrentLinkedQueue<>();
				AtomicBoolean flooding = new AtomicBoolean(collecting);
				Thread collector = new Thread(() -> collectWhile(flooding, pauses), "full-collections");
				collector.start();
				try {
					floodWithMosquittoPub(MESSAGES);
					await().atMost(Duration.ofMinutes(2))
						.pollInterval(Duration.ofMillis(200))
						.until(() -> listener.handled.get() + dropped(meters, "busy") == MESSAGES + 1);
				}
				finally {
					flooding.set(false);
					collector.join();
				}
				assertThat(lost).hasValue(0);
				if (collecting) {
					assertThat(pauses).as("full collections during the burst").hasSizeGreaterThan(3);
				}
				assertThat(listener.takingAt(drops.times, KEEPS_TAKING, pauses))
					.as("drops while the listener started a call at least every %s, collections aside",
							KEEPS_TAKING)
					.isEmpty();
				// reading gives up on a listener only after 10 ms without a call: a machine that
				// did not run it for that long (other processes) leaves nothing to check
				assumeThat(drops.times).as(LISTENER_NOT_RUN).isEmpty();
				assertThat(listener.handled).hasValue(MESSAGES + 1);
			});
	}

	/** Full collections one after another, each a pause of the whole application. */
	private static void collectWhile(AtomicBoolean flooding, Queue<Pause> pauses) {
		while (flooding.get()) {
			long start = System.nanoTime();
			System.gc();
			pauses.add(new Pause(start, System.nanoTime()));
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
		}
	}

	@Test
	void aQos0FloodLargerThanAnyBufferIntoABusyListenerLosesNothingUncounted(CapturedOutput output) throws Exception {
		ListenerTestSupport.runner(this.pair, broker.uri())
			.withPropertyValues("mqtt.listener.queue-capacity=50")
			.withUserConfiguration(BusyListener.class)
			.run((context) -> {
				ManagedMqttClient client = connected(context);
				AtomicInteger lost = TestClients.countLosses(client);
				BusyListener listener = context.getBean(BusyListener.class);
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				floodWithMosquittoPub(FLOOD);
				await().atMost(Duration.ofMinutes(2))
					.pollInterval(Duration.ofMillis(200))
					.until(() -> listener.handled.get() + dropped(meters, "busy") == FLOOD);
				assertThat(lost).hasValue(0);
				// the client counts and says what its driver dropped, whatever the handler
				double droppedByDriver = meters.get("mqtt.client.messages.dropped").counter().count();
				assertThat(droppedByDriver).isLessThanOrEqualTo(dropped(meters, "busy"));
				if (this.pair.driver().equals("hivemq")) {
					assertThat(droppedByDriver).isPositive();
					assertThat(output).containsOnlyOnce("MQTT client 'mqttClient' dropped ");
				}
				else {
					assertThat(droppedByDriver).as("a driver that stops reading drops nothing").isZero();
				}
			});
	}

	private static double dropped(MeterRegistry meters, String listener) {
		return Search.in(meters).name("mqtt.messages.dropped").tag("listener", listener).tag("reason", "overflow")
			.counters()
			.stream()
			.mapToDouble((counter) -> counter.count())
			.sum();
	}

	/** As fast as mosquitto_pub sends: one QoS 0 message per line of its input. */
	private static void floodWithMosquittoPub(int messages) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(MOSQUITTO_PUB.toString(), "-h", "127.0.0.1", "-p",
				String.valueOf(broker.port()), "-t", "flood/zero", "-q", "0", "-l")
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		try (OutputStream input = process.getOutputStream()) {
			StringBuilder lines = new StringBuilder();
			for (int i = 0; i < messages; i++) {
				lines.append(i).append('\n');
			}
			input.write(lines.toString().getBytes(StandardCharsets.UTF_8));
		}
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("mosquitto_pub finished").isTrue();
		assertThat(process.exitValue()).isZero();
	}

	/** Slower than the reading thread, but never still for long. */
	@Configuration(proxyBeanMethods = false)
	static class BusyListener {

		final AtomicInteger handled = new AtomicInteger();

		/** When each call for a flood message started, in order: one worker calls. */
		private final AtomicLongArray starts = new AtomicLongArray(FLOOD);

		private final AtomicInteger floodCalls = new AtomicInteger();

		@MqttListener(id = "busy", topics = "flood/zero", qos = 0)
		void on(String payload) {
			int call = "warm".equals(payload) ? -1 : this.floodCalls.getAndIncrement();
			if (call >= 0 && call < this.starts.length()) {
				this.starts.set(call, System.nanoTime());
			}
			this.handled.incrementAndGet();
			// simulated work, not a wait for anything
			LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(100));
		}

		/**
		 * Of the given times, those with no {@code gap} between two starts of calls up to 20 ms
		 * before (a drop is counted a moment after reading gave up waiting, later if the
		 * machine held reading too), not counting the given pauses of the whole application.
		 */
		List<Long> takingAt(Collection<Long> times, Duration gap, Collection<Pause> pauses) {
			long[] sorted = new long[Math.min(this.floodCalls.get(), this.starts.length())];
			for (int i = 0; i < sorted.length; i++) {
				sorted[i] = this.starts.get(i);
			}
			long window = TimeUnit.MILLISECONDS.toNanos(20);
			List<Long> taking = new ArrayList<>();
			for (long time : times) {
				int found = Arrays.binarySearch(sorted, time);
				int next = (found >= 0) ? found + 1 : -found - 1;
				if (next == 0 || next == sorted.length) {
					continue;
				}
				boolean still = false;
				for (int call = next; call > 0 && sorted[call] >= time - window; call--) {
					long paused = 0;
					for (Pause pause : pauses) {
						paused += pause.within(sorted[call - 1], sorted[call]);
					}
					still |= sorted[call] - sorted[call - 1] - paused >= gap.toNanos();
				}
				if (!still) {
					taking.add(time);
				}
			}
			return taking;
		}

	}

	/** A full collection: the whole application stood still from start to end. */
	record Pause(long start, long end) {

		long within(long from, long to) {
			return Math.max(0, Math.min(to, this.end) - Math.max(from, this.start));
		}

	}

	/** When each QoS 0 message was dropped. */
	static class DropClock implements MqttListenerObserver {

		final Queue<Long> times = new ConcurrentLinkedQueue<>();

		@Override
		public void dropped(String listenerId, String reason) {
			if ("overflow".equals(reason)) {
				this.times.add(System.nanoTime());
			}
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SlowListener {

		final AtomicInteger handled = new AtomicInteger();

		@MqttListener(id = "slow", topics = "flood/zero", qos = 0)
		void on(String payload) {
			this.handled.incrementAndGet();
			// simulated work, not a wait for anything
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
		}

	}

}
