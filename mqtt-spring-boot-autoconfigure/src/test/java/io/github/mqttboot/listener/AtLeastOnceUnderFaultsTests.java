package io.github.mqttboot.listener;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.BitSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import io.github.mqttboot.annotation.MqttListener;
import io.github.mqttboot.autoconfigure.MqttAutoConfiguration;
import io.github.mqttboot.autoconfigure.listener.MqttListenerAutoConfiguration;
import io.github.mqttboot.client.DriverPair;
import io.github.mqttboot.client.TestClients;
import io.github.mqttboot.core.MqttTemplate;
import io.github.mqttboot.testsupport.FaultProxy;
import io.github.mqttboot.testsupport.MosquittoBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * At-least-once under a random mix of faults: while an application publishes QoS 1 messages
 * without pause, its and a consuming application's connections are reset, stalled and refused,
 * the broker (persisting sessions) is stopped and started, and the consuming application, with
 * a persistent session, is closed and started again. Afterwards every publish whose future
 * completed has been handled, no publish failed, and closing both applications leaves none of
 * their threads. For every driver and protocol, faults for {@code mqtt.faults.duration} (8 s;
 * minutes make a soak), in an order drawn from {@code mqtt.faults.seed} (random, reported).
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.github.mqttboot.client.DriverPair#pairs")
class AtLeastOnceUnderFaultsTests {

	private static final int WINDOW = 500;

	/** Publishes per millisecond at most, so that a soak's bookkeeping stays small. */
	private static final int BURST = 5;

	@Parameter
	DriverPair pair;

	private final MosquittoBroker broker = MosquittoBroker.create().persistence(true).config("max_queued_messages 0");

	private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);

	private final Ids acknowledged = new Ids();

	private final AtomicLong failed = new AtomicLong();

	private final Handled handled = new Handled();

	private FaultProxy proxy;

	private ConfigurableApplicationContext publisher;

	private final AtomicReference<ConfigurableApplicationContext> consumer = new AtomicReference<>();

	@AfterEach
	void close() {
		this.scheduler.shutdownNow();
		closeQuietly(this.consumer.get());
		closeQuietly(this.publisher);
		if (this.proxy != null) {
			this.proxy.close();
		}
		this.broker.close();
	}

	@Test
	void everyAcknowledgedPublishIsHandledAndNoThreadIsLeft() throws Exception {
		Set<Thread> before = Set.copyOf(TestClients.mqttThreads());
		this.broker.start();
		this.proxy = FaultProxy.to(this.broker.port());
		this.publisher = application(Publisher.class, "mqtt.client-id=faults-publisher");
		this.consumer.set(consumer());
		ListenerTestSupport.connected(this.consumer.get());
		MqttTemplate template = this.publisher.getBean(MqttTemplate.class);
		Semaphore window = new Semaphore(WINDOW);
		AtomicLong sequence = new AtomicLong();
		var publishing = this.scheduler.scheduleAtFixedRate(() -> publishBurst(template, window, sequence), 0, 1,
				TimeUnit.MILLISECONDS);
		RandomFaults faults = new RandomFaults(this.proxy, this.broker, this::stopConsumer, this::startConsumer,
				Long.getLong("mqtt.faults.seed", System.nanoTime()));
		Duration duration = Duration.parse("PT" + System.getProperty("mqtt.faults.duration", "8s"));
		try {
			faults.runFor(duration, this.scheduler);
			await().atMost(duration.plusMinutes(1)).until(faults::isOver);
			assertThat(faults.failure()).as("a fault or its recovery failed").isNull();
			publishing.cancel(false);
			await().atMost(Duration.ofMinutes(1))
				.alias("every publish settled")
				.until(() -> window.availablePermits() == WINDOW);
			await().atMost(Duration.ofMinutes(1))
				.untilAsserted(() -> assertThat(this.acknowledged.missingFrom(this.handled.ids))
					.as("acknowledged publishes not handled").isZero());
		}
		finally {
			report(faults, duration, sequence.get());
		}
		assertThat(this.failed).hasValue(0);
		this.consumer.get().close();
		this.publisher.close();
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(newThreadNames(before)).isEmpty());
	}

	/** The run's figures, and its seed to replay the order of its faults, also when it failed. */
	private void report(RandomFaults faults, Duration duration, long published) throws IOException {
		String report = String.format("AT-LEAST-ONCE-UNDER-FAULTS %s seed %d, %d s of faults %s: %d published, "
				+ "%d acknowledged, %d failed, %d handled (%d distinct), %d missing%n", this.pair, faults.seed(),
				duration.toSeconds(), faults.counts(), published, this.acknowledged.count(), this.failed.get(),
				this.handled.deliveries.get(), this.handled.ids.count(),
				this.acknowledged.missingFrom(this.handled.ids));
		System.out.print(report);
		Files.writeString(Path.of("target", "at-least-once-report.txt"), report, StandardCharsets.UTF_8,
				StandardOpenOption.CREATE, StandardOpenOption.APPEND);
	}

	private void publishBurst(MqttTemplate template, Semaphore window, AtomicLong sequence) {
		for (int i = 0; i < BURST && window.tryAcquire(); i++) {
			long id = sequence.incrementAndGet();
			try {
				template.publish("faults/" + (id % 7), Long.toString(id).getBytes(StandardCharsets.UTF_8), 1, false)
					.whenComplete((result, failure) -> {
						if (failure == null) {
							this.acknowledged.add(id);
						}
						else {
							this.failed.incrementAndGet();
						}
						window.release();
					});
			}
			catch (RuntimeException ex) {
				this.failed.incrementAndGet();
				window.release();
			}
		}
	}

	private void stopConsumer() {
		this.consumer.getAndSet(null).close();
	}

	private void startConsumer() {
		this.consumer.set(consumer());
	}

	private ConfigurableApplicationContext consumer() {
		// a persistent session: with MQTT 5 it outlives a connection only with an expiry interval
		String expiry = this.pair.isMqtt5() ? "1h" : "0s";
		return application(Consumer.class, "mqtt.client-id=faults-consumer", "mqtt.clean-start=false",
				"mqtt.session-expiry=" + expiry);
	}

	private ConfigurableApplicationContext application(Class<?> configuration, String... properties) {
		// started from a fault's thread too, where Docker Compose support would not see a test
		return new SpringApplicationBuilder(configuration).web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off", "spring.docker.compose.enabled=false",
					"mqtt.server-uris=" + this.proxy.uri(), "mqtt.reconnect.initial-delay=50ms",
					"mqtt.reconnect.max-delay=500ms", "mqtt.connection-timeout=1s", "mqtt.keep-alive=1s",
					"mqtt.shutdown.timeout=3s")
			.properties(this.pair.properties())
			.properties(properties)
			.initializers((context) -> context.getBeanFactory().registerSingleton("handled", this.handled))
			.run();
	}

	private static Set<String> newThreadNames(Set<Thread> before) {
		return TestClients.mqttThreads()
			.stream()
			.filter((thread) -> !before.contains(thread))
			.map(Thread::getName)
			.collect(Collectors.toSet());
	}

	private static void closeQuietly(ConfigurableApplicationContext context) {
		if (context != null && context.isActive()) {
			context.close();
		}
	}

	/** Message ids, one bit each: a soak of many minutes stays small. */
	static final class Ids {

		private final BitSet bits = new BitSet();

		synchronized void add(long id) {
			this.bits.set(Math.toIntExact(id));
		}

		synchronized int count() {
			return this.bits.cardinality();
		}

		/** How many of these ids the other does not hold. */
		int missingFrom(Ids other) {
			BitSet missing = copy();
			missing.andNot(other.copy());
			return missing.cardinality();
		}

		synchronized BitSet copy() {
			return (BitSet) this.bits.clone();
		}

	}

	/** What the consuming applications handled, across their restarts. */
	static final class Handled {

		final Ids ids = new Ids();

		final AtomicLong deliveries = new AtomicLong();

	}

	/** The auto-configuration both applications run; the publishing one needs nothing else. */
	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ JacksonAutoConfiguration.class, ValidationAutoConfiguration.class,
			MqttAutoConfiguration.class, MqttListenerAutoConfiguration.class })
	static class Publisher {

	}

	@Configuration(proxyBeanMethods = false)
	@Import(Publisher.class)
	static class Consumer {

		@Bean
		OrderListener orderListener(Handled handled) {
			return new OrderListener(handled);
		}

	}

	static class OrderListener {

		private final Handled handled;

		OrderListener(Handled handled) {
			this.handled = handled;
		}

		@MqttListener(topics = "faults/+", qos = 1, concurrency = "2")
		void handle(String payload) {
			this.handled.deliveries.incrementAndGet();
			this.handled.ids.add(Long.parseLong(payload));
		}

	}

}
