package io.github.mqttboot.listener;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.github.mqttboot.annotation.MqttListener;
import io.github.mqttboot.client.DriverPair;
import io.github.mqttboot.client.ManagedMqttClient;
import io.github.mqttboot.client.TestClients;
import io.github.mqttboot.testsupport.TestBroker;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.context.annotation.Configuration;

import static io.github.mqttboot.listener.ListenerTestSupport.connected;
import static io.github.mqttboot.listener.ListenerTestSupport.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A QoS 1 message that one listener holds (a slow call, a retry's wait, a pause) keeps its
 * acknowledgement, and with it one place of the broker's window of unacknowledged messages
 * (Mosquitto's {@code max_inflight_messages}, 20 here). With Paho the other listeners'
 * messages are acknowledged as they are handled, past the held one: far more than the window
 * flows on. (The HiveMQ client acknowledges in arrival order, as MQTT asks of a client, so there
 * the held message holds back every later acknowledgement and the window fills: see
 * drivers.md.)
 */
class HeldMessageWindowTests {

	private static final int FREE = 60;

	@RegisterExtension
	static final TestBroker broker = TestBroker.create();

	@ParameterizedTest
	@EnumSource(names = { "PAHO_V5", "PAHO_V3" })
	void otherListenersFlowOnPastTheBrokersWindowWhileOneHoldsAMessage(DriverPair pair) {
		whileOneMessageIsHeld(pair,
				(listeners) -> await().atMost(TestClients.await()).until(() -> listeners.free.get() == FREE));
	}

	@ParameterizedTest
	@EnumSource(names = { "HIVEMQ_V5", "HIVEMQ_V3" })
	void withHiveMqTheHeldMessageHoldsTheWindowUntilItIsReleased(DriverPair pair) {
		whileOneMessageIsHeld(pair, (listeners) -> {
			// the window less the held message, then nothing more while it is held
			await().atMost(TestClients.await()).until(() -> listeners.free.get() >= 19);
			await().during(Duration.ofMillis(500)).until(() -> listeners.free.get() < 20);
		});
	}

	/**
	 * Holds one message in one listener, publishes {@link #FREE} for the other, checks, releases:
	 * then all of them are handled.
	 */
	private static void whileOneMessageIsHeld(DriverPair pair, Consumer<HeldAndFree> check) {
		broker.assumeMosquitto(TestBroker.DELIVERY_PAST_UNACKNOWLEDGED);
		ListenerTestSupport.runner(pair, broker.uri()).withUserConfiguration(HeldAndFree.class).run((context) -> {
			ManagedMqttClient client = connected(context);
			HeldAndFree listeners = context.getBean(HeldAndFree.class);
			try {
				publish(client, "window/held", "held");
				assertThat(listeners.holding.await(10, TimeUnit.SECONDS)).isTrue();
				for (int i = 0; i < FREE; i++) {
					// not waited for: the broker acknowledges them, whatever it delivers
					client.publish("window/free", ("free-" + i).getBytes(StandardCharsets.UTF_8), 1, false);
				}
				check.accept(listeners);
			}
			finally {
				listeners.release.countDown();
			}
			await().atMost(TestClients.await()).until(() -> listeners.free.get() == FREE);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class HeldAndFree {

		final CountDownLatch holding = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		final AtomicInteger free = new AtomicInteger();

		@MqttListener(id = "held", topics = "window/held", qos = 1)
		void held(String payload) throws InterruptedException {
			this.holding.countDown();
			this.release.await(30, TimeUnit.SECONDS);
		}

		@MqttListener(id = "free", topics = "window/free", qos = 1)
		void free(String payload) {
			this.free.incrementAndGet();
		}

	}

}
