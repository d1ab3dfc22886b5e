package io.github.mqttboot.client;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.awaitility.Awaitility;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients for tests: fast reconnects, short deadlines, a unique client id.
 */
public final class TestClients {

	private static int sequence;

	private TestClients() {
	}

	public static MqttClientSettings settings(String... uris) {
		MqttClientSettings settings = new MqttClientSettings();
		settings.setServerUris(Arrays.stream(uris).map(URI::create).toList());
		settings.setClientId("test-" + System.nanoTime() % 1_000_000 + "-" + next());
		settings.setConnectionTimeout(Duration.ofSeconds(2));
		settings.setReconnectInitialDelay(Duration.ofMillis(100));
		settings.setReconnectMaxDelay(Duration.ofMillis(500));
		settings.setKeepAlive(Duration.ofSeconds(10));
		settings.setShutdownTimeout(Duration.ofSeconds(5));
		// as an application's: CI runs some suites again with virtual workers on
		settings.setVirtualThreads(Boolean.getBoolean("spring.threads.virtual.enabled"));
		return settings;
	}

	public static ManagedMqttClient client(String name, Consumer<MqttClientSettings> customizer, String... uris) {
		return client(DriverPair.PAHO_V5, name, customizer, uris);
	}

	public static ManagedMqttClient client(DriverPair pair, String name, Consumer<MqttClientSettings> customizer,
			String... uris) {
		MqttClientSettings settings = settings(uris);
		pair.apply(settings);
		customizer.accept(settings);
		return new ManagedMqttClient(name, settings, pair.newDriver());
	}

	public static ManagedMqttClient client(DriverPair pair, String name, String... uris) {
		return client(pair, name, (settings) -> {
		}, uris);
	}

	public static ManagedMqttClient client(String name, String... uris) {
		return client(name, (settings) -> {
		}, uris);
	}

	/**
	 * Waits until the client is connected and the broker answered each of its subscriptions.
	 * @param client the client
	 * @return the client
	 */
	public static ManagedMqttClient awaitSubscribed(ManagedMqttClient client) {
		Awaitility.await()
			.atMost(await())
			.until(() -> client.isConnected()
					&& client.getSubscriptions().stream().allMatch((subscription) -> subscription.reasonCode() >= 0));
		return client;
	}

	/**
	 * Stops the given clients, those not {@code null}, all of them before checking that each
	 * has no owned thread left.
	 * @param clients the clients
	 */
	public static void stop(ManagedMqttClient... clients) {
		List<ManagedMqttClient> started = Arrays.stream(clients).filter(Objects::nonNull).toList();
		started.forEach(ManagedMqttClient::stop);
		started.forEach((client) -> assertThat(client.getThreadCount()).as("owned threads after stop").isZero());
	}

	/**
	 * Live JVM threads whose names say MQTT, as a leak check sees them.
	 * @return the threads
	 */
	public static List<Thread> mqttThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter(Thread::isAlive)
			.filter((thread) -> thread.getName().toLowerCase(Locale.ROOT).contains("mqtt"))
			.toList();
	}

	/**
	 * The platform threads among the given ones: those a leak check can see in the JVM's thread
	 * list, which leaves virtual threads out.
	 * @param threads threads, some possibly virtual
	 * @return the platform threads
	 */
	public static List<Thread> platformThreads(List<Thread> threads) {
		return threads.stream().filter((thread) -> !isVirtual(thread)).toList();
	}

	/**
	 * {@code Thread.isVirtual()}, which Java 17, the compile target, does not have.
	 * @param thread the thread
	 * @return whether it is virtual
	 */
	public static boolean isVirtual(Thread thread) {
		try {
			return (boolean) Thread.class.getMethod("isVirtual").invoke(thread);
		}
		catch (ReflectiveOperationException ex) {
			return false;
		}
	}

	/**
	 * Counts the connections a client loses from now on.
	 * @param client the client
	 * @return the live count
	 */
	public static AtomicInteger countLosses(ManagedMqttClient client) {
		AtomicInteger lost = new AtomicInteger();
		client.addEventListener(new MqttClientEvents() {

			@Override
			public void connectionLost() {
				lost.incrementAndGet();
			}

		});
		return lost;
	}

	private static synchronized int next() {
		return ++sequence;
	}

	public static Duration await() {
		return Duration.ofSeconds(20);
	}

	/**
	 * Waits for a latch as a user's code that ignores interrupts would, then restores the
	 * interrupt it swallowed.
	 * @param latch the latch
	 */
	public static void awaitIgnoringInterrupts(CountDownLatch latch) {
		boolean interrupted = false;
		while (latch.getCount() > 0) {
			try {
				latch.await();
			}
			catch (InterruptedException ex) {
				interrupted = true;
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

}
