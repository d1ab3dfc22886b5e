package io.github.mqttboot.listener;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.github.mqttboot.annotation.MqttListener;
import io.github.mqttboot.client.TestClients;
import io.github.mqttboot.core.MqttTemplate;
import io.github.mqttboot.testsupport.MosquittoBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Flow control is per connection: a paused listener whose hand-off is full stops the reading of
 * its client's connection. On a client of its own it holds up no other client's listeners.
 */
class NamedClientIsolationTests {

	private static final int FLOOD = 200;

	private static final int STEADY = 100;

	@RegisterExtension
	static final MosquittoBroker broker = MosquittoBroker.create();

	@Test
	void pausedAndFloodedListenerOnNamedClientNeverHoldsUpTheDefaultClient() {
		// both clients on one broker: only the connections differ
		ListenerTestSupport.runner(broker.uri())
			.withPropertyValues("mqtt.clients.isolated.server-uris=" + broker.uri(), "mqtt.listener.queue-capacity=5")
			.withUserConfiguration(Listeners.class)
			.run((context) -> {
				NamedClientsMosquittoTests.connected(context);
				MqttListenerEndpointRegistry isolated = context.getBean("isolatedMqttListenerEndpointRegistry",
						MqttListenerEndpointRegistry.class);
				assertThat(isolated.pauseListener("flooded")).isTrue();
				MqttTemplate template = context.getBean(MqttTemplate.class);
				for (int i = 0; i < FLOOD; i++) {
					template.publish("flood/" + i, "x").get(10, TimeUnit.SECONDS);
				}
				// the paused listener's hand-off is full (a worker holds one, the queue the rest), and the
				// broker sends its connection no more than Receive Maximum (the queue capacity)
				MqttListenerContainer flooded = isolated.getListenerContainer("flooded");
				await().atMost(TestClients.await()).until(() -> flooded.getReceivedCount() >= 5);
				List<CompletableFuture<?>> sent = new ArrayList<>();
				for (int i = 0; i < STEADY; i++) {
					sent.add(template.publish("steady", "m" + i));
				}
				CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
				Listeners listeners = context.getBean(Listeners.class);
				await().atMost(TestClients.await()).until(() -> listeners.steady.size() == STEADY);
				assertThat(listeners.flooded).isEmpty();
				assertThat(flooded.getReceivedCount()).isLessThan(FLOOD);
				isolated.resumeListener("flooded");
				await().atMost(TestClients.await()).until(() -> listeners.flooded.size() == FLOOD);
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class Listeners {

		final List<String> steady = new CopyOnWriteArrayList<>();

		final List<String> flooded = new CopyOnWriteArrayList<>();

		@MqttListener(id = "steady", topics = "steady")
		void steady(String value) {
			this.steady.add(value);
		}

		@MqttListener(id = "flooded", topics = "flood/+", client = "isolated")
		void flooded(String value) {
			this.flooded.add(value);
		}

	}

}
