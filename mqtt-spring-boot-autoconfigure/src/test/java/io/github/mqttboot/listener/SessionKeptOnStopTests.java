package io.github.mqttboot.listener;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.github.mqttboot.annotation.MqttListener;
import io.github.mqttboot.client.DriverPair;
import io.github.mqttboot.client.ManagedMqttClient;
import io.github.mqttboot.client.TestClients;
import io.github.mqttboot.testsupport.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static io.github.mqttboot.listener.ListenerTestSupport.connected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Closing the application drains and disconnects but never unsubscribes: with a persistent
 * session and a fixed client id, what is published while the application is away is delivered
 * after the restart; with a clean session nothing is kept.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.github.mqttboot.client.DriverPair#pairs")
class SessionKeptOnStopTests {

	private static final int MESSAGES = 200;

	@Parameter
	DriverPair pair;

	@RegisterExtension
	static final TestBroker broker = TestBroker.create();

	@Test
	void messagesPublishedWhileStoppedAreDeliveredAfterTheRestart() throws Exception {
		String clientId = "kept-" + this.pair.name().toLowerCase() + "-" + System.nanoTime();
		ApplicationContextRunner runner = ListenerTestSupport.runner(this.pair, broker.uri())
			.withUserConfiguration(Collector.class)
			.withPropertyValues("mqtt.client-id=" + clientId, "mqtt.clean-start=false",
					"mqtt.session-expiry=" + (this.pair.isMqtt5() ? "1h" : "0s"));
		String topic = "kept/" + clientId;
		runner.run((context) -> connected(context));
		publishWhileStopped(topic);
		runner.run((context) -> {
			Collector collector = context.getBean(Collector.class);
			await().atMost(Duration.ofSeconds(30)).until(() -> collector.seen.size() == MESSAGES);
		});
	}

	@Test
	void aCleanSessionKeepsNothing() throws Exception {
		String clientId = "clean-" + this.pair.name().toLowerCase() + "-" + System.nanoTime();
		ApplicationContextRunner runner = ListenerTestSupport.runner(this.pair, broker.uri())
			.withUserConfiguration(Collector.class)
			.withPropertyValues("mqtt.client-id=" + clientId);
		String topic = "kept/" + clientId;
		runner.run((context) -> connected(context));
		publishWhileStopped(topic);
		runner.run((context) -> {
			connected(context);
			Collector collector = context.getBean(Collector.class);
			// a marker published now arrives; nothing from before it does
			ManagedMqttClient client = context.getBean(ManagedMqttClient.class);
			client.publish(topic, "marker".getBytes(StandardCharsets.UTF_8), 1, false).get(10, TimeUnit.SECONDS);
			await().atMost(Duration.ofSeconds(10)).until(() -> collector.seen.contains("marker"));
			assertThat(collector.seen).containsExactly("marker");
		});
	}

	private void publishWhileStopped(String topic) throws Exception {
		ManagedMqttClient publisher = TestClients.client(this.pair, "publisher", broker.uri());
		publisher.start();
		try {
			await().atMost(TestClients.await()).until(publisher::isConnected);
			for (int i = 0; i < MESSAGES; i++) {
				publisher.publish(topic, ("m" + i).getBytes(StandardCharsets.UTF_8), 1, false).get(10, TimeUnit.SECONDS);
			}
		}
		finally {
			publisher.stop();
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class Collector {

		final Set<String> seen = ConcurrentHashMap.newKeySet();

		@MqttListener(topics = "kept/#", qos = 1)
		void onMessage(String payload) {
			this.seen.add(payload);
		}

	}

}
