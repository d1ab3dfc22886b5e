package io.github.mqttboot.event;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.mqttboot.annotation.MqttListener;
import io.github.mqttboot.autoconfigure.MqttAutoConfiguration;
import io.github.mqttboot.autoconfigure.event.MqttEventAutoConfiguration;
import io.github.mqttboot.autoconfigure.listener.MqttListenerAutoConfiguration;
import io.github.mqttboot.client.FreePorts;
import io.github.mqttboot.client.ManagedMqttClient;
import io.github.mqttboot.client.TestClients;
import io.github.mqttboot.testsupport.TestBroker;
import io.github.mqttboot.testsupport.MosquittoSub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The client's application events against a real broker (Mosquitto, or the embedded one where it
 * is missing), as an application's listener receives them: on the client's own events thread, in
 * order, and never holding up the connection. (Subscription refusals, which Mosquitto 2.0 never
 * sends, are in
 * {@code SubscriptionRefusalTests}.)
 */
@ExtendWith(OutputCaptureExtension.class)
class MqttEventsBrokerTests {

	@RegisterExtension
	static final TestBroker broker = TestBroker.create();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, MqttAutoConfiguration.class,
				MqttEventAutoConfiguration.class, MqttListenerAutoConfiguration.class))
		.withPropertyValues("mqtt.server-uris=" + broker.uri(), "mqtt.reconnect.initial-delay=100ms",
				"mqtt.reconnect.max-delay=500ms", "mqtt.connection-timeout=2s", "mqtt.shutdown.timeout=3s")
		.withUserConfiguration(Collector.class);

	@Test
	void connectedIsPublishedOnTheClientsEventsThread() {
		this.runner.run((context) -> {
			MqttConnectedEvent connected = collector(context).await(MqttConnectedEvent.class, 1).get(0);
			ManagedMqttClient client = context.getBean(ManagedMqttClient.class);
			assertThat(connected.getClient()).isSameAs(client);
			assertThat(connected.getClientName()).isEqualTo("mqttClient");
			assertThat(connected.getServerUri()).isEqualTo(URI.create(broker.uri()));
			assertThat(connected.isSessionPresent()).isFalse();
			assertThat(collector(context).threads).containsOnly("mqtt-mqttClient-events-1");
			assertThat(client.getOwnedThreads()).extracting(Thread::getName).contains("mqtt-mqttClient-events-1");
		});
	}

	@Test
	void connectionLostAndConnectedAgainArePublishedInOrder() {
		this.runner.run((context) -> {
			Collector collector = collector(context);
			collector.await(MqttConnectedEvent.class, 1);
			broker.kill();
			MqttConnectionLostEvent lost = collector.await(MqttConnectionLostEvent.class, 1).get(0);
			assertThat(lost.getCause()).isNotNull();
			assertThat(lost.getClientName()).isEqualTo("mqttClient");
			broker.start();
			collector.await(MqttConnectedEvent.class, 2);
			List<Class<?>> order = collector.events.stream().map(Object::getClass).distinct().toList();
			assertThat(order).startsWith(MqttConnectedEvent.class, MqttConnectionLostEvent.class);
		});
	}

	@Test
	void connectFailedCarriesTheAttemptTheCauseAndTheNextDelay() {
		String refused = "tcp://127.0.0.1:" + FreePorts.closedPort();
		this.runner.withPropertyValues("mqtt.server-uris=" + refused).run((context) -> {
			List<MqttConnectFailedEvent> failed = collector(context).await(MqttConnectFailedEvent.class, 2);
			assertThat(failed).extracting(MqttConnectFailedEvent::getAttempt).startsWith(1, 2);
			assertThat(failed.get(0).getServerUri()).isEqualTo(URI.create(refused));
			assertThat(failed.get(0).getCause()).isNotNull();
			assertThat(failed.get(0).getNextDelay()).isBetween(Duration.ofMillis(50), Duration.ofMillis(500));
		});
	}

	@Test
	void listenerStalledAndRecoveredArePublished() {
		this.runner.withPropertyValues("mqtt.listener.stall-timeout=300ms")
			.withUserConfiguration(BlockingListener.class)
			.run((context) -> {
				Collector collector = collector(context);
				ManagedMqttClient client = context.getBean(ManagedMqttClient.class);
				await().atMost(TestClients.await())
					.until(() -> client.isConnected() && client.getSubscriptions()
						.stream()
						.allMatch((subscription) -> subscription.reasonCode() >= 0));
				client.publish("stall/1", "block".getBytes(StandardCharsets.UTF_8), 1, false).get(5, TimeUnit.SECONDS);
				MqttListenerStalledEvent stalled = collector.await(MqttListenerStalledEvent.class, 1).get(0);
				assertThat(stalled.getListenerId()).isEqualTo("blocking");
				assertThat(stalled.getDescription()).contains("handler call");
				context.getBean(BlockingListener.class).release.countDown();
				MqttListenerRecoveredEvent recovered = collector.await(MqttListenerRecoveredEvent.class, 1).get(0);
				assertThat(recovered.getListenerId()).isEqualTo("blocking");
			});
	}

	@Test
	void clientIdConflictIsPublishedOnce() {
		String clientId = "events-conflict-" + System.nanoTime();
		this.runner.withPropertyValues("mqtt.client-id=" + clientId, "mqtt.reconnect.stable-after=3s")
			.run((context) -> {
				Collector collector = collector(context);
				collector.await(MqttConnectedEvent.class, 1);
				try (MosquittoSub competitor = MosquittoSub.start(broker.port(), clientId)) {
					MqttClientIdConflictEvent conflict = collector.await(MqttClientIdConflictEvent.class, 1).get(0);
					assertThat(conflict.getClientId()).isEqualTo(clientId);
					assertThat(conflict.getDescription()).startsWith("Probable client id conflict")
						.contains("mqtt.client-id");
					// three short connections on Mosquitto 2.0, which gives no reason; one where the
					// broker says "session taken over"
					assertThat(collector.events(MqttConnectionLostEvent.class))
						.hasSizeGreaterThanOrEqualTo(broker.isMosquitto() ? 3 : 1);
				}
				ManagedMqttClient client = context.getBean(ManagedMqttClient.class);
				await().atMost(Duration.ofSeconds(30)).until(() -> client.isConnected() && !client.isClientIdConflict());
				assertThat(collector.events(MqttClientIdConflictEvent.class)).hasSize(1);
			});
	}

	@Test
	void aBlockedEventListenerHoldsUpNeitherMessagesNorReconnectsAndLosesOnlyWhatOverflows(CapturedOutput output) {
		this.runner.withUserConfiguration(BlockedEventListener.class).run((context) -> {
			BlockedEventListener blocked = context.getBean(BlockedEventListener.class);
			ManagedMqttClient client = context.getBean(ManagedMqttClient.class);
			await().atMost(TestClients.await()).until(() -> blocked.entered.getCount() == 0);
			// its listener is stuck on the first event: the connection works on regardless
			List<String> received = new CopyOnWriteArrayList<>();
			client.subscribe("flow/#", 1, (message) -> received.add(new String(message.payload(), StandardCharsets.UTF_8)))
				.get(5, TimeUnit.SECONDS);
			for (int i = 0; i < 100; i++) {
				client.publish("flow/" + i, ("m" + i).getBytes(StandardCharsets.UTF_8), 1, false).get(5, TimeUnit.SECONDS);
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 100);
			broker.kill();
			await().atMost(TestClients.await()).until(() -> !client.isConnected());
			broker.start();
			await().atMost(TestClients.await()).until(client::isConnected);
			// lost, connected and perhaps failed attempts: more than the queue of 1 holds
			MqttEventBridge bridge = context.getBean(MqttEventBridge.class);
			assertThat(bridge.getDroppedEvents()).isPositive();
			assertThat(output).contains("Event listeners of MQTT client 'mqttClient' are slow: dropped");
			blocked.release.countDown();
			await().atMost(Duration.ofSeconds(5)).until(() -> blocked.seen.size() >= 2);
			assertThat(blocked.seen.get(0)).isInstanceOf(MqttConnectedEvent.class);
			assertThat(blocked.seen.get(1)).isInstanceOf(MqttConnectionLostEvent.class);
		});
	}

	@Test
	void anEventListenerThatThrowsAnErrorIsReportedAndGetsTheNextEvents(CapturedOutput output) {
		this.runner.withUserConfiguration(ThrowingEventListener.class).run((context) -> {
			ThrowingEventListener throwing = context.getBean(ThrowingEventListener.class);
			await().atMost(TestClients.await()).until(() -> !throwing.seen.isEmpty());
			broker.kill();
			await().atMost(TestClients.await()).until(() -> throwing.seen.size() >= 2);
			broker.start();
			await().atMost(TestClients.await())
				.until(() -> throwing.seen.stream().filter(MqttConnectedEvent.class::isInstance).count() == 2);
			assertThat(output).contains("A listener of MqttConnectedEvent of MQTT client 'mqttClient' failed")
				.contains("A listener of MqttConnectionLostEvent of MQTT client 'mqttClient' failed")
				.doesNotContain("Unexpected failure");
		});
	}

	private static Collector collector(ApplicationContext context) {
		return context.getBean(Collector.class);
	}

	/** Collects every event, with the thread it arrived on. */
	static class Collector implements ApplicationListener<MqttClientEvent> {

		final List<MqttClientEvent> events = new CopyOnWriteArrayList<>();

		final List<String> threads = new CopyOnWriteArrayList<>();

		@Override
		public void onApplicationEvent(MqttClientEvent event) {
			this.threads.add(Thread.currentThread().getName());
			this.events.add(event);
		}

		<T extends MqttClientEvent> List<T> events(Class<T> type) {
			return this.events.stream().filter(type::isInstance).map(type::cast).toList();
		}

		<T extends MqttClientEvent> List<T> await(Class<T> type, int count) {
			org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> events(type).size() >= count);
			return events(type);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BlockingListener {

		final CountDownLatch release = new CountDownLatch(1);

		@MqttListener(id = "blocking", topics = "stall/#")
		void on(String payload) throws InterruptedException {
			// stands for a handler stuck on a resource: the test releases it
			this.release.await(30, TimeUnit.SECONDS);
		}

	}

	/** A listener that blocks on the first event until released, with a bridge of 1 place. */
	@Configuration(proxyBeanMethods = false)
	static class BlockedEventListener implements ApplicationListener<MqttClientEvent> {

		final CountDownLatch entered = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		final List<MqttClientEvent> seen = new CopyOnWriteArrayList<>();

		@Bean
		MqttEventBridge mqttEventBridge(ManagedMqttClient client, ApplicationEventPublisher publisher) {
			return new MqttEventBridge(client, publisher, 1);
		}

		@Override
		public void onApplicationEvent(MqttClientEvent event) {
			this.seen.add(event);
			this.entered.countDown();
			try {
				this.release.await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

	/** A listener that throws an Error, as a missing class would, on every event. */
	@Configuration(proxyBeanMethods = false)
	static class ThrowingEventListener implements ApplicationListener<MqttClientEvent> {

		final List<MqttClientEvent> seen = new CopyOnWriteArrayList<>();

		@Override
		public void onApplicationEvent(MqttClientEvent event) {
			this.seen.add(event);
			throw new NoClassDefFoundError("com/example/Missing");
		}

	}

}
