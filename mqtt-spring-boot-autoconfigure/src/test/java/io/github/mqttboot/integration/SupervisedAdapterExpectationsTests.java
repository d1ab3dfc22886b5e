package io.github.mqttboot.integration;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.github.mqttboot.autoconfigure.MqttAutoConfiguration;
import io.github.mqttboot.autoconfigure.integration.MqttIntegrationAutoConfiguration;
import io.github.mqttboot.client.ManagedMqttClient;
import io.github.mqttboot.client.TestClients;
import io.github.mqttboot.testsupport.FaultProxy;
import io.github.mqttboot.testsupport.TestBroker;
import org.eclipse.paho.mqttv5.client.IMqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.StaticMessageHeaderAccessor;
import org.springframework.integration.acks.SimpleAcknowledgment;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.Transformers;
import org.springframework.integration.mqtt.core.AbstractMqttClientManager;
import org.springframework.integration.mqtt.core.ClientManager;
import org.springframework.integration.mqtt.event.MqttIntegrationEvent;
import org.springframework.integration.mqtt.event.MqttMessageDeliveredEvent;
import org.springframework.integration.mqtt.event.MqttMessageSentEvent;
import org.springframework.integration.mqtt.inbound.Mqttv5PahoMessageDrivenChannelAdapter;
import org.springframework.integration.mqtt.outbound.Mqttv5PahoMessageHandler;
import org.springframework.integration.mqtt.support.MqttHeaders;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.support.GenericMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What Spring Integration's MQTT 5 adapters expect of their client, kept on the supervised
 * connection: the subscription options they ask for, one acknowledgement per message whatever
 * the driver, and a message id known when a publish returns.
 */
class SupervisedAdapterExpectationsTests {

	@RegisterExtension
	static final TestBroker broker = TestBroker.create().persistence(true);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MqttAutoConfiguration.class, MqttIntegrationAutoConfiguration.class))
		.withPropertyValues("mqtt.reconnect.initial-delay=100ms", "mqtt.reconnect.max-delay=500ms",
				"mqtt.reconnect.jitter=0", "mqtt.connection-timeout=2s");

	@Test
	void anAdaptersNoLocalOptionKeepsItsOwnConnectionsPublishesAway() throws Exception {
		this.contextRunner.withUserConfiguration(NoLocalFlow.class)
			.withPropertyValues("mqtt.server-uris=" + broker.uri())
			.run((context) -> {
				ManagedMqttClient client = context.getBean(ManagedMqttClient.class);
				await().atMost(TestClients.await()).until(() -> client.isConnected() && client.getSubscriptions().size() == 1);
				client.publish("loop/a", "own".getBytes(StandardCharsets.UTF_8), 1, false).get(10, TimeUnit.SECONDS);
				ManagedMqttClient other = TestClients.client("loop-publisher", broker.uri());
				other.start();
				try {
					other.publish("loop/b", "other".getBytes(StandardCharsets.UTF_8), 1, false).get(20, TimeUnit.SECONDS);
				}
				finally {
					other.stop();
				}
				NoLocalFlow flow = context.getBean(NoLocalFlow.class);
				await().atMost(TestClients.await()).until(() -> flow.received.contains("other"));
				assertThat(flow.received).containsExactly("other");
			});
	}

	@Test
	void withManualAcksEachMessageIsAcknowledgedByItsOwnAcknowledgementWithTheHiveMqDriver() throws Exception {
		try (FaultProxy proxy = FaultProxy.to(broker.port())) {
			this.contextRunner.withUserConfiguration(HoldingFlow.class)
				.withPropertyValues("mqtt.server-uris=" + proxy.uri(), "mqtt.driver=hivemq", "mqtt.clean-start=false",
						"mqtt.session-expiry=1h", "mqtt.client-id=acks-" + System.nanoTime())
				.run((context) -> {
					ManagedMqttClient client = context.getBean(ManagedMqttClient.class);
					HoldingFlow flow = context.getBean(HoldingFlow.class);
					await().atMost(TestClients.await()).until(() -> client.isConnected() && client.getSubscriptions().size() == 1);
					client.publish("acks/a", "first".getBytes(StandardCharsets.UTF_8), 1, false).get(10, TimeUnit.SECONDS);
					client.publish("acks/a", "second".getBytes(StandardCharsets.UTF_8), 1, false).get(10, TimeUnit.SECONDS);
					await().atMost(TestClients.await()).until(() -> flow.held.keySet().containsAll(List.of("first", "second")));
					// the first is acknowledged (its PUBACK on the way), the second is not when the
					// connection dies
					long reads = proxy.readsFromClients();
					flow.held.get("first").acknowledge();
					await().atMost(TestClients.await()).until(() -> proxy.readsFromClients() > reads);
					proxy.resetEstablished();
					await().atMost(TestClients.await()).until(() -> count(flow, "second") == 2);
					assertThat(count(flow, "first")).isOne();
				});
		}
	}

	@Test
	void aPublishIsSentAndDeliveredUnderOneMessageId() {
		this.contextRunner.withUserConfiguration(AsyncEventsFlow.class)
			.withPropertyValues("mqtt.server-uris=" + broker.uri())
			.run((context) -> {
				ManagedMqttClient client = context.getBean(ManagedMqttClient.class);
				await().atMost(TestClients.await()).until(client::isConnected);
				AsyncEventsFlow flow = context.getBean(AsyncEventsFlow.class);
				context.getBean("publishing.input", MessageChannel.class)
					.send(new GenericMessage<>("ping", Map.of(MqttHeaders.TOPIC, "events/out")));
				await().atMost(TestClients.await()).until(() -> flow.events.size() == 2);
				MqttMessageSentEvent sent = (MqttMessageSentEvent) flow.events.get(0);
				MqttMessageDeliveredEvent delivered = (MqttMessageDeliveredEvent) flow.events.get(1);
				assertThat(sent.getMessageId()).isNotZero().isEqualTo(delivered.getMessageId());
			});
	}

	private static long count(HoldingFlow flow, String payload) {
		return flow.arrivals.stream().filter(payload::equals).count();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableIntegration
	static class NoLocalFlow {

		final List<String> received = new CopyOnWriteArrayList<>();

		@Bean
		IntegrationFlow noLocal(ClientManager<IMqttAsyncClient, MqttConnectionOptions> clientManager) {
			MqttSubscription subscription = new MqttSubscription("loop/#", 1);
			subscription.setNoLocal(true);
			return IntegrationFlow.from(new Mqttv5PahoMessageDrivenChannelAdapter(clientManager, subscription))
				.transform(Transformers.objectToString())
				.handle((payload, headers) -> {
					this.received.add((String) payload);
					return null;
				})
				.get();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableIntegration
	static class HoldingFlow {

		final Map<String, SimpleAcknowledgment> held = new ConcurrentHashMap<>();

		final List<String> arrivals = new CopyOnWriteArrayList<>();

		@Bean
		IntegrationFlow holding(ClientManager<IMqttAsyncClient, MqttConnectionOptions> clientManager) {
			Mqttv5PahoMessageDrivenChannelAdapter inbound = new Mqttv5PahoMessageDrivenChannelAdapter(clientManager,
					"acks/#");
			// with a client manager, the manager's setting is the one that counts
			((AbstractMqttClientManager<?, ?>) clientManager).setManualAcks(true);
			inbound.setManualAcks(true);
			return IntegrationFlow.from(inbound).transform(Transformers.objectToString()).handle((payload, headers) -> {
				this.arrivals.add((String) payload);
				// acknowledged later, by the test
				this.held.put((String) payload,
						StaticMessageHeaderAccessor.getAcknowledgment(new GenericMessage<>(payload, headers)));
				return null;
			}).get();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableIntegration
	static class AsyncEventsFlow implements ApplicationListener<MqttIntegrationEvent> {

		final List<MqttIntegrationEvent> events = new CopyOnWriteArrayList<>();

		@Bean
		IntegrationFlow publishing(ClientManager<IMqttAsyncClient, MqttConnectionOptions> clientManager) {
			Mqttv5PahoMessageHandler outbound = new Mqttv5PahoMessageHandler(clientManager);
			outbound.setDefaultQos(1);
			outbound.setAsync(true);
			outbound.setAsyncEvents(true);
			return (flow) -> flow.handle(outbound);
		}

		@Override
		public void onApplicationEvent(MqttIntegrationEvent event) {
			if (event instanceof MqttMessageSentEvent || event instanceof MqttMessageDeliveredEvent) {
				this.events.add(event);
			}
		}

	}

}
