package io.github.mqttboot.listener;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.mqttboot.annotation.MqttListener;
import io.github.mqttboot.client.DriverPair;
import io.github.mqttboot.client.ManagedMqttClient;
import io.github.mqttboot.client.MqttPublishException;
import io.github.mqttboot.client.PublishResult;
import io.github.mqttboot.client.TestClients;
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
 * With MQTT 5 the client advertises a Maximum Packet Size derived from
 * {@code mqtt.listener.max-payload-size}: the broker never sends a larger message, so it is never
 * read into memory (with MQTT 3.1.1 it is read and goes to the error handler).
 */
@ParameterizedClass(name = "{0}")
@EnumSource(names = { "PAHO_V5", "HIVEMQ_V5" })
class MaximumPacketSizeTests {

	@Parameter
	DriverPair pair;

	@RegisterExtension
	static final TestBroker broker = TestBroker.create();

	@Test
	void aMessageLargerThanTheAdvertisedMaximumIsNeverSent() {
		ListenerTestSupport.runner(this.pair, broker.uri())
			.withPropertyValues("mqtt.listener.max-payload-size=10KB")
			.withUserConfiguration(Sizes.class)
			.run((context) -> {
				connected(context);
				ManagedMqttClient publisher = TestClients.client(this.pair, "big", broker.uri());
				publisher.start();
				try {
					await().atMost(TestClients.await()).until(publisher::isConnected);
					publisher.publish("sizes/big", new byte[512 * 1024], 1, false).get(10, TimeUnit.SECONDS);
					publisher.publish("sizes/small", new byte[1024], 1, false).get(10, TimeUnit.SECONDS);
				}
				finally {
					publisher.stop();
				}
				Sizes sizes = context.getBean(Sizes.class);
				await().atMost(Duration.ofSeconds(10)).until(() -> sizes.received.contains(1024));
				assertThat(sizes.received).containsExactly(1024);
				MqttListenerContainer container = context.getBean(MqttListenerEndpointRegistry.class)
					.getListenerContainer("sizes");
				assertThat(container.getReceivedCount()).isOne();
				assertThat(container.getErrorCount()).isZero();
			});
	}

	/**
	 * Paho holds what it sends against the client's own maximum too, and ended the connection
	 * on a larger PUBLISH, which was sent again after every reconnect: refused before Paho
	 * sees it. HiveMQ sends it, as MQTT has it.
	 */
	@Test
	void aPublishLargerThanTheClientsOwnMaximumNeverCostsTheConnection() {
		ListenerTestSupport.runner(this.pair, broker.uri())
			.withPropertyValues("mqtt.listener.max-payload-size=10KB")
			.withUserConfiguration(Sizes.class)
			.run((context) -> {
				ManagedMqttClient client = connected(context);
				AtomicInteger losses = TestClients.countLosses(client);
				// more than the client advertises for what it receives, less than the broker takes
				CompletableFuture<PublishResult> big = client.publish("elsewhere/big", new byte[512 * 1024], 1, false);
				if (this.pair == DriverPair.PAHO_V5) {
					assertThat(big).failsWithin(Duration.ofSeconds(10))
						.withThrowableThat()
						.withStackTraceContaining("own Maximum Packet Size")
						.havingCause()
						.isInstanceOf(MqttPublishException.class);
				}
				else {
					assertThat(big).succeedsWithin(Duration.ofSeconds(10));
				}
				client.publish("sizes/small", new byte[1024], 1, false).get(10, TimeUnit.SECONDS);
				Sizes sizes = context.getBean(Sizes.class);
				await().atMost(Duration.ofSeconds(10)).until(() -> sizes.received.contains(1024));
				assertThat(losses).hasValue(0);
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class Sizes {

		final List<Integer> received = new CopyOnWriteArrayList<>();

		@MqttListener(id = "sizes", topics = "sizes/+")
		void on(byte[] payload) {
			this.received.add(payload.length);
		}

	}

}
