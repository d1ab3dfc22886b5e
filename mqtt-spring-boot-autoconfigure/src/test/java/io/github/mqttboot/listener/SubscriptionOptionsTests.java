package io.github.mqttboot.listener;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.mqttboot.annotation.MqttListener;
import io.github.mqttboot.client.DriverPair;
import io.github.mqttboot.client.ManagedMqttClient;
import io.github.mqttboot.client.RetainHandling;
import io.github.mqttboot.client.TestClients;
import io.github.mqttboot.testsupport.FaultProxy;
import io.github.mqttboot.testsupport.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.context.annotation.Configuration;

import static io.github.mqttboot.listener.ListenerTestSupport.connected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * MQTT 5 subscription options on {@code @MqttListener}, honoured on every reconnect:
 * {@code retainHandling = SEND_IF_NEW} gives one delivery of a retained message across three
 * reconnects of a persistent session (the default replays it on each), and {@code noLocal}
 * withholds the application's own publishes.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(names = { "PAHO_V5", "HIVEMQ_V5" })
class SubscriptionOptionsTests {

	@Parameter
	DriverPair pair;

	@RegisterExtension
	static final TestBroker broker = TestBroker.create();

	@Test
	void sendIfNewDeliversARetainedMessageOnceAcrossReconnects() throws Exception {
		String name = this.pair.name().toLowerCase();
		// one retained message for each listener: their filters do not overlap
		publish("retained/new/" + name, "kept", true);
		publish("retained/all/" + name, "kept", true);
		try (FaultProxy proxy = FaultProxy.to(broker.port())) {
			ListenerTestSupport.runner(this.pair, proxy.uri())
				.withUserConfiguration(Retained.class)
				.withPropertyValues("mqtt.client-id=retained-" + System.nanoTime(), "mqtt.clean-start=false",
						"mqtt.session-expiry=1h")
				.run((context) -> {
					ManagedMqttClient client = connected(context);
					Retained listeners = context.getBean(Retained.class);
					await().atMost(Duration.ofSeconds(10))
						.until(() -> listeners.sendIfNew.size() == 1 && listeners.send.size() == 1);
					AtomicInteger connects = new AtomicInteger();
					for (int i = 0; i < 3; i++) {
						proxy.resetEstablished();
						int expected = i + 2;
						await().atMost(Duration.ofSeconds(10))
							.until(() -> client.isConnected() && listeners.send.size() == expected);
						connects.incrementAndGet();
					}
					// the default replays the retained message on each resubscribe; SEND_IF_NEW does not
					assertThat(listeners.send).hasSize(4);
					assertThat(listeners.sendIfNew).containsExactly("kept");
					assertThat(connects).hasValue(3);
				});
		}
		finally {
			publish("retained/new/" + name, "", true);
			publish("retained/all/" + name, "", true);
		}
	}

	@Test
	void noLocalWithholdsTheApplicationsOwnPublishes() {
		ListenerTestSupport.runner(this.pair, broker.uri()).withUserConfiguration(NoLocal.class).run((context) -> {
			ManagedMqttClient client = connected(context);
			NoLocal listener = context.getBean(NoLocal.class);
			client.publish("local/1", "own".getBytes(StandardCharsets.UTF_8), 1, false).get(10, TimeUnit.SECONDS);
			publish("local/1", "other", false);
			await().atMost(Duration.ofSeconds(10)).until(() -> listener.received.contains("other"));
			assertThat(listener.received).containsExactly("other");
		});
	}

	private void publish(String topic, String payload, boolean retained) throws Exception {
		ManagedMqttClient publisher = TestClients.client(this.pair, "publisher", broker.uri());
		publisher.start();
		try {
			await().atMost(TestClients.await()).until(publisher::isConnected);
			publisher.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, retained).get(10, TimeUnit.SECONDS);
		}
		finally {
			publisher.stop();
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class Retained {

		final List<String> sendIfNew = new CopyOnWriteArrayList<>();

		final List<String> send = new CopyOnWriteArrayList<>();

		@MqttListener(topics = "retained/new/+", retainHandling = RetainHandling.SEND_IF_NEW)
		void sendIfNew(String payload) {
			this.sendIfNew.add(payload);
		}

		@MqttListener(topics = "retained/all/+")
		void send(String payload) {
			this.send.add(payload);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class NoLocal {

		final List<String> received = new CopyOnWriteArrayList<>();

		@MqttListener(topics = "local/+", noLocal = true)
		void on(String payload) {
			this.received.add(payload);
		}

	}

}
