package io.github.mqttboot.listener;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.github.mqttboot.actuate.MqttListenersView.ListenerDescription;
import io.github.mqttboot.actuate.RegistryListenersView;
import io.github.mqttboot.annotation.MqttListener;
import io.github.mqttboot.autoconfigure.event.MqttEventAutoConfiguration;
import io.github.mqttboot.client.ManagedMqttClient;
import io.github.mqttboot.client.TestClients;
import io.github.mqttboot.core.MqttTemplate;
import io.github.mqttboot.event.MqttConnectedEvent;
import io.github.mqttboot.testsupport.TestBroker;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import static io.github.mqttboot.listener.ListenerTestSupport.connected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With {@code spring.threads.virtual.enabled=true} on Java 21 and later, the application's code
 * (listeners, event listeners, callbacks of publish futures) runs on virtual threads that the
 * client names {@code mqtt-<client>-<role>-<n>}, owns and counts in {@code mqtt.client.threads};
 * the stall watchdog still sees a stuck handler, and a stop leaves none alive. On Java 17 the
 * property is ignored with one line.
 */
@ExtendWith(OutputCaptureExtension.class)
class VirtualThreadsTests {

	private static final String NEEDS_JAVA_21 = "virtual threads need Java 21 or later; this is Java "
			+ Runtime.version().feature() + " (CI runs this class on Java 25)";

	@RegisterExtension
	static final TestBroker broker = TestBroker.create();

	private ApplicationContextRunner runner() {
		return ListenerTestSupport.runner(broker.uri())
			.withConfiguration(AutoConfigurations.of(MqttEventAutoConfiguration.class))
			.withPropertyValues("spring.threads.virtual.enabled=true", "mqtt.listener.stall-timeout=1s")
			.withUserConfiguration(Recording.class);
	}

	@Test
	void listenersEventsAndCallbacksRunOnVirtualThreadsThatAreNamedOwnedAndCounted() {
		Assumptions.assumeTrue(Runtime.version().feature() >= 21, NEEDS_JAVA_21);
		runner().run((context) -> {
			Recording recording = context.getBean(Recording.class);
			ManagedMqttClient client = connected(context);
			Thread callback = context.getBean(MqttTemplate.class)
				.publish("virtual/1", "hello")
				.thenApply((result) -> Thread.currentThread())
				.get(10, TimeUnit.SECONDS);
			Thread listener = recording.listener.get(10, TimeUnit.SECONDS);
			Thread events = recording.events.get(10, TimeUnit.SECONDS);
			assertOwnedVirtual(client, listener, "mqtt-mqttClient-listener-\\d+");
			assertOwnedVirtual(client, events, "mqtt-mqttClient-events-\\d+");
			assertOwnedVirtual(client, callback, "mqtt-mqttClient-callback-\\d+");
			// the connection's I/O and the supervisor stay platform threads
			assertThat(client.getOwnedThreads()).filteredOn((thread) -> !isVirtual(thread))
				.extracting(Thread::getName)
				.anyMatch((name) -> name.startsWith("mqtt-mqttClient-supervisor-"));
			double gauge = context.getBean(MeterRegistry.class)
				.get("mqtt.client.threads")
				.tag("client", "mqttClient")
				.gauge()
				.value();
			assertThat(gauge).isEqualTo(client.getThreadCount());
			// the JVM's thread list has no virtual thread: only the client's count shows them
			assertThat(Thread.getAllStackTraces().keySet()).doesNotContain(listener, events);
			context.close();
			assertThat(client.getThreadCount()).as("owned threads after stop").isZero();
			assertThat(List.of(listener, events, callback)).noneMatch(Thread::isAlive);
		});
	}

	@Test
	void aHandlerStuckOnAVirtualThreadIsReportedStalledAndRecovers() {
		Assumptions.assumeTrue(Runtime.version().feature() >= 21, NEEDS_JAVA_21);
		runner().run((context) -> {
			Recording recording = context.getBean(Recording.class);
			ManagedMqttClient client = connected(context);
			ListenerTestSupport.publish(client, "virtual/block", "block");
			assertThat(isVirtual(recording.listener.get(10, TimeUnit.SECONDS))).isTrue();
			await().atMost(Duration.ofSeconds(10)).until(() -> state(context).equals("stalled"));
			await().atMost(Duration.ofSeconds(5)).until(() -> recording.observed.contains("stalled virtual"));
			recording.release.countDown();
			await().atMost(Duration.ofSeconds(10)).until(() -> state(context).equals("running"));
			await().atMost(Duration.ofSeconds(5)).until(() -> recording.observed.contains("recovered virtual"));
			assertThat(recording.observed).containsExactly("stalled virtual", "recovered virtual");
		});
	}

	@Test
	void beforeJava21ThePropertyIsIgnoredWithOneLine(CapturedOutput output) {
		Assumptions.assumeTrue(Runtime.version().feature() < 21, "Java 21 and later have virtual threads");
		runner().run((context) -> {
			Recording recording = context.getBean(Recording.class);
			connected(context);
			ListenerTestSupport.publish(context.getBean(ManagedMqttClient.class), "virtual/1", "hello");
			assertThat(recording.listener.get(10, TimeUnit.SECONDS).getName()).startsWith("mqtt-mqttClient-listener-");
		});
		assertThat(output.getOut().lines().filter((line) -> line.contains("spring.threads.virtual.enabled")))
			.singleElement()
			.asString()
			.contains("INFO")
			.contains("Java 21 or later");
	}

	private static void assertOwnedVirtual(ManagedMqttClient client, Thread thread, String name) {
		assertThat(isVirtual(thread)).as(thread + " is virtual").isTrue();
		assertThat(thread.getName()).matches(name);
		assertThat(client.getOwnedThreads()).as("owned threads").contains(thread);
	}

	private static String state(ApplicationContext context) {
		return new RegistryListenersView(context.getBean(MqttListenerEndpointRegistry.class)).listeners()
			.stream()
			.filter((listener) -> listener.id().equals("virtual"))
			.map(ListenerDescription::state)
			.findFirst()
			.orElseThrow();
	}

	private static boolean isVirtual(Thread thread) {
		return TestClients.isVirtual(thread);
	}

	@Configuration(proxyBeanMethods = false)
	static class Recording {

		final CompletableFuture<Thread> listener = new CompletableFuture<>();

		final CompletableFuture<Thread> events = new CompletableFuture<>();

		final CountDownLatch release = new CountDownLatch(1);

		final List<String> observed = new CopyOnWriteArrayList<>();

		@Bean
		MqttListenerObserver recordingObserver() {
			return new MqttListenerObserver() {

				@Override
				public void stalled(String listenerId, String description) {
					Recording.this.observed.add("stalled " + listenerId);
				}

				@Override
				public void recovered(String listenerId) {
					Recording.this.observed.add("recovered " + listenerId);
				}

			};
		}

		@MqttListener(id = "virtual", topics = "virtual/+")
		void on(String payload) throws InterruptedException {
			this.listener.complete(Thread.currentThread());
			if (payload.equals("block")) {
				// stands for a handler stuck on a resource: the test releases it
				this.release.await(30, TimeUnit.SECONDS);
			}
		}

		@EventListener
		void on(MqttConnectedEvent event) {
			this.events.complete(Thread.currentThread());
		}

	}

}
