package io.github.mqttboot.integration;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.github.mqttboot.annotation.MqttListener;
import io.github.mqttboot.autoconfigure.MqttAutoConfiguration;
import io.github.mqttboot.autoconfigure.integration.MqttIntegrationAutoConfiguration;
import io.github.mqttboot.autoconfigure.listener.MqttListenerAutoConfiguration;
import io.github.mqttboot.client.ClientState;
import io.github.mqttboot.client.ManagedMqttClient;
import io.github.mqttboot.client.TestClients;
import io.github.mqttboot.testsupport.FaultProxy;
import io.github.mqttboot.testsupport.TestBroker;
import org.eclipse.paho.mqttv5.client.IMqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.StaticMessageHeaderAccessor;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.Transformers;
import org.springframework.integration.mqtt.core.AbstractMqttClientManager;
import org.springframework.integration.mqtt.core.ClientManager;
import org.springframework.integration.mqtt.inbound.Mqttv5PahoMessageDrivenChannelAdapter;
import org.springframework.integration.mqtt.outbound.Mqttv5PahoMessageHandler;
import org.springframework.integration.mqtt.support.MqttHeaders;
import org.springframework.messaging.support.GenericMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Spring Integration flows on the supervised connection, against a test broker: an inbound adapter,
 * a transformer and an outbound handler, all on the client's one connection.
 */
class SupervisedClientManagerFlowTests {

	@RegisterExtension
	static final TestBroker broker = TestBroker.create().persistence(true);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MqttAutoConfiguration.class, MqttListenerAutoConfiguration.class,
				MqttIntegrationAutoConfiguration.class))
		.withPropertyValues("mqtt.reconnect.initial-delay=100ms", "mqtt.reconnect.max-delay=500ms",
				"mqtt.reconnect.jitter=0", "mqtt.connection-timeout=2s");

	@Test
	void flowLosesNoQos1MessageAcrossBrokerRestarts() throws Exception {
		int count = 300;
		Set<String> received = ConcurrentHashMap.newKeySet();
		ManagedMqttClient output = persistentClient("output");
		output.subscribe("flow/out", 1,
				(message) -> received.add(new String(message.payload(), StandardCharsets.UTF_8)));
		output.start();
		ManagedMqttClient input = persistentClient("input");
		input.start();
		await().atMost(TestClients.await()).until(() -> output.isConnected() && input.isConnected());
		this.contextRunner.withUserConfiguration(FlowConfiguration.class)
			.withPropertyValues("mqtt.server-uris=" + broker.uri(), "mqtt.clean-start=false", "mqtt.session-expiry=1h",
					"mqtt.client-id=flow-" + System.nanoTime())
			.run((context) -> {
				ManagedMqttClient client = context.getBean(ManagedMqttClient.class);
				await().atMost(TestClients.await()).until(client::isConnected);
				AtomicInteger reconnects = new AtomicInteger();
				client.addStateListener((previous, current) -> {
					if (current == ClientState.CONNECTED) {
						reconnects.incrementAndGet();
					}
				});
				List<CompletableFuture<?>> published = new ArrayList<>();
				for (int i = 0; i < count; i++) {
					published.add(input.publish("flow/in/" + (i % 3), ("m" + i).getBytes(StandardCharsets.UTF_8), 1, false));
					if (i == count / 3 || i == 2 * count / 3) {
						// restart while the flow is busy, once it is connected again
						int progress = received.size() + 10;
						await().atMost(TestClients.await()).until(() -> client.isConnected() && received.size() > progress);
						broker.stop();
						broker.restart();
					}
				}
				CompletableFuture.allOf(published.toArray(CompletableFuture[]::new)).get();
				Set<String> expected = IntStream.range(0, count).mapToObj((i) -> "M" + i).collect(Collectors.toSet());
				await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(received).containsAll(expected));
				assertThat(received).hasSize(count);
				assertThat(reconnects).as("reconnects of the flow's client").hasValueGreaterThanOrEqualTo(2);
			});
		input.stop();
		output.stop();
	}

	@Test
	void listenerAndAdapterShareTheConnectionAndEachGetsItsOwnTopics() {
		this.contextRunner.withUserConfiguration(SharedConnectionConfiguration.class)
			.withPropertyValues("mqtt.server-uris=" + broker.uri())
			.run((context) -> {
				ManagedMqttClient client = context.getBean(ManagedMqttClient.class);
				await().atMost(TestClients.await()).until(client::isConnected);
				SharedConnectionConfiguration shared = context.getBean(SharedConnectionConfiguration.class);
				await().atMost(TestClients.await()).until(() -> client.getSubscriptions().size() == 2);
				client.publish("listener/a", "for the listener".getBytes(StandardCharsets.UTF_8), 1, false).get();
				client.publish("collect/b", "for the flow".getBytes(StandardCharsets.UTF_8), 1, false).get();
				await().atMost(TestClients.await()).until(() -> shared.listened.size() == 1 && shared.flowed.size() == 1);
				assertThat(shared.listened).containsExactly("for the listener");
				assertThat(shared.flowed).containsExactly("for the flow");
				// one connection: no Paho client of its own (its threads would carry Paho's names)
				assertThat(TestClients.mqttThreads()).extracting(Thread::getName).allMatch((name) -> name.startsWith("mqtt-"));
				assertThat(client.getOwnedThreads().stream().filter((thread) -> thread.getName().contains("-paho-")).count()).isLessThanOrEqualTo(5);
				assertThat(client.getOwnedThreads().stream().filter((thread) -> thread.getName().contains("-integration-")).count()).isOne();
			});
	}

	@Test
	void connectCallbacksFireOnReconnectAndAStoppedAdapterLeavesTheConnection() {
		this.contextRunner.withUserConfiguration(SharedConnectionConfiguration.class)
			.withPropertyValues("mqtt.server-uris=" + broker.uri())
			.run((context) -> {
				ManagedMqttClient client = context.getBean(ManagedMqttClient.class);
				SharedConnectionConfiguration shared = context.getBean(SharedConnectionConfiguration.class);
				await().atMost(TestClients.await()).until(() -> client.isConnected() && client.getSubscriptions().size() == 2);
				List<Boolean> callbacks = new CopyOnWriteArrayList<>();
				context.getBean(ClientManager.class).addCallback(callbacks::add);
				broker.kill();
				broker.restart();
				await().atMost(TestClients.await()).until(() -> callbacks.contains(true));
				Mqttv5PahoMessageDrivenChannelAdapter adapter = context.getBean(Mqttv5PahoMessageDrivenChannelAdapter.class);
				adapter.stop();
				await().atMost(TestClients.await()).until(() -> client.getSubscriptions().size() == 1);
				client.publish("listener/b", "after the adapter stopped".getBytes(StandardCharsets.UTF_8), 1, false).get();
				await().atMost(TestClients.await()).until(() -> shared.listened.contains("after the adapter stopped"));
				assertThat(client.isConnected()).isTrue();
				adapter.start();
				await().atMost(TestClients.await()).until(() -> client.getSubscriptions().size() == 2);
				client.publish("collect/c", "after the adapter restarted".getBytes(StandardCharsets.UTF_8), 1, false).get();
				await().atMost(TestClients.await()).until(() -> shared.flowed.contains("after the adapter restarted"));
			});
	}

	@Test
	void aMessageIsAcknowledgedOnlyWhenTheFlowReturns() throws Exception {
		try (FaultProxy proxy = FaultProxy.to(broker.port())) {
			this.contextRunner.withUserConfiguration(BlockingFlow.class)
				.withPropertyValues("mqtt.server-uris=" + proxy.uri(), "mqtt.clean-start=false",
						"mqtt.session-expiry=1h", "mqtt.client-id=held-" + System.nanoTime())
				.run((context) -> {
					ManagedMqttClient client = context.getBean(ManagedMqttClient.class);
					BlockingFlow flow = context.getBean(BlockingFlow.class);
					await().atMost(TestClients.await()).until(() -> client.isConnected() && client.getSubscriptions().size() == 1);
					ManagedMqttClient publisher = TestClients.client("held-publisher", broker.uri());
					publisher.start();
					publisher.publish("held/a", "once".getBytes(StandardCharsets.UTF_8), 1, false).get(20, TimeUnit.SECONDS);
					await().atMost(TestClients.await()).until(() -> flow.arrivals.get() == 1);
					// the connection dies while the flow holds the message: it was not acknowledged
					proxy.resetEstablished();
					flow.release.countDown();
					await().atMost(TestClients.await()).until(() -> flow.arrivals.get() >= 2);
					publisher.stop();
				});
		}
	}

	@Test
	void aFlowThatThrowsAnErrorWithManualAcksHasItsMessageAcknowledged() throws Exception {
		try (FaultProxy proxy = FaultProxy.to(broker.port())) {
			this.contextRunner.withUserConfiguration(ErrorFlow.class)
				.withPropertyValues("mqtt.server-uris=" + proxy.uri(), "mqtt.clean-start=false",
						"mqtt.session-expiry=1h", "mqtt.client-id=poison-" + System.nanoTime())
				.run((context) -> {
					ManagedMqttClient client = context.getBean(ManagedMqttClient.class);
					ErrorFlow flow = context.getBean(ErrorFlow.class);
					await().atMost(TestClients.await()).until(() -> client.isConnected() && client.getSubscriptions().size() == 1);
					for (int i = 0; i < 3; i++) {
						client.publish("error/a", "poison".getBytes(StandardCharsets.UTF_8), 1, false).get(10, TimeUnit.SECONDS);
					}
					client.publish("error/a", "before".getBytes(StandardCharsets.UTF_8), 1, false).get(10, TimeUnit.SECONDS);
					await().atMost(TestClients.await()).until(() -> flow.handled.contains("before"));
					// a persistent session gets again after a reconnect what was not acknowledged
					AtomicInteger losses = TestClients.countLosses(client);
					proxy.resetEstablished();
					await().atMost(TestClients.await()).until(() -> losses.get() == 1 && client.isConnected());
					client.publish("error/a", "after".getBytes(StandardCharsets.UTF_8), 1, false).get(10, TimeUnit.SECONDS);
					await().atMost(TestClients.await()).until(() -> flow.handled.contains("after"));
					assertThat(flow.poisoned).hasValue(3);
				});
		}
	}

	private static ManagedMqttClient persistentClient(String name) {
		return TestClients.client(name, (settings) -> {
			settings.setCleanStart(false);
			settings.setSessionExpiry(Duration.ofHours(1));
		}, broker.uri());
	}

	@Configuration(proxyBeanMethods = false)
	@EnableIntegration
	static class FlowConfiguration {

		@Bean
		IntegrationFlow upperCase(ClientManager<IMqttAsyncClient, MqttConnectionOptions> clientManager) {
			Mqttv5PahoMessageDrivenChannelAdapter inbound = new Mqttv5PahoMessageDrivenChannelAdapter(clientManager,
					"flow/in/#");
			Mqttv5PahoMessageHandler outbound = new Mqttv5PahoMessageHandler(clientManager);
			outbound.setDefaultQos(1);
			return IntegrationFlow.from(inbound)
				.transform(Transformers.objectToString())
				.transform(String.class, String::toUpperCase)
				.enrichHeaders((headers) -> headers.header(MqttHeaders.TOPIC, "flow/out"))
				.handle(outbound)
				.get();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableIntegration
	static class BlockingFlow {

		final AtomicInteger arrivals = new AtomicInteger();

		final CountDownLatch release = new CountDownLatch(1);

		@Bean
		IntegrationFlow held(ClientManager<IMqttAsyncClient, MqttConnectionOptions> clientManager) {
			return IntegrationFlow.from(new Mqttv5PahoMessageDrivenChannelAdapter(clientManager, "held/#"))
				.handle((payload, headers) -> {
					this.arrivals.incrementAndGet();
					try {
						this.release.await(20, TimeUnit.SECONDS);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
					return null;
				})
				.get();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableIntegration
	static class ErrorFlow {

		final List<String> handled = new CopyOnWriteArrayList<>();

		final AtomicInteger poisoned = new AtomicInteger();

		@Bean
		IntegrationFlow throwing(ClientManager<IMqttAsyncClient, MqttConnectionOptions> clientManager) {
			Mqttv5PahoMessageDrivenChannelAdapter inbound = new Mqttv5PahoMessageDrivenChannelAdapter(clientManager,
					"error/#");
			// with a client manager, the manager's setting is the one that counts
			((AbstractMqttClientManager<?, ?>) clientManager).setManualAcks(true);
			inbound.setManualAcks(true);
			return IntegrationFlow.from(inbound).transform(Transformers.objectToString()).handle((payload, headers) -> {
				if (payload.equals("poison")) {
					this.poisoned.incrementAndGet();
					throw new AssertionError("poison");
				}
				this.handled.add((String) payload);
				StaticMessageHeaderAccessor.getAcknowledgment(new GenericMessage<>(payload, headers)).acknowledge();
				return null;
			}).get();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableIntegration
	static class SharedConnectionConfiguration {

		final List<String> listened = new CopyOnWriteArrayList<>();

		final List<String> flowed = new CopyOnWriteArrayList<>();

		@MqttListener(topics = "listener/#")
		void listen(String payload) {
			this.listened.add(payload);
		}

		@Bean
		IntegrationFlow collect(ClientManager<IMqttAsyncClient, MqttConnectionOptions> clientManager) {
			Mqttv5PahoMessageDrivenChannelAdapter inbound = new Mqttv5PahoMessageDrivenChannelAdapter(clientManager,
					"collect/#");
			return IntegrationFlow.from(inbound).transform(Transformers.objectToString()).handle((payload, headers) -> {
				this.flowed.add((String) payload);
				return null;
			}).get();
		}

	}

}
