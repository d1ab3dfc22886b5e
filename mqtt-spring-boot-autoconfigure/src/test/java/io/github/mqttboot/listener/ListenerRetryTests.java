package io.github.mqttboot.listener;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.mqttboot.annotation.MqttListener;
import io.github.mqttboot.client.DriverPair;
import io.github.mqttboot.client.ManagedMqttClient;
import io.github.mqttboot.testsupport.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static io.github.mqttboot.listener.ListenerTestSupport.connected;
import static io.github.mqttboot.listener.ListenerTestSupport.publish;
import static io.github.mqttboot.listener.ListenerTestSupport.retries;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Failed messages are tried again with backoff ({@code mqtt.listener.retry.*}): a retry holds
 * back only its own topic, conversion failures are never retried, the error handler sees the
 * last failure and the attempts, and a stop does not wait for a retry's delay.
 */
class ListenerRetryTests {

	@RegisterExtension
	static final TestBroker broker = TestBroker.create();

	private ApplicationContextRunner runner() {
		return ListenerTestSupport.runner(DriverPair.PAHO_V5, broker.uri())
			.withUserConfiguration(Flaky.class)
			.withPropertyValues("mqtt.listener.retry.initial-interval=100ms", "mqtt.listener.retry.max-interval=1s");
	}

	@Test
	void aMessageThatFailsTwiceIsHandledOnceOnTheThirdAttempt() {
		runner().run((context) -> {
			ManagedMqttClient client = connected(context);
			Flaky flaky = context.getBean(Flaky.class);
			flaky.failuresLeft.put("twice", 2);
			publish(client, "retry/a", "twice");
			await().atMost(Duration.ofSeconds(10)).until(() -> flaky.handled.contains("twice"));
			assertThat(flaky.attempts.get("twice")).hasValue(3);
			assertThat(flaky.handled).containsOnlyOnce("twice");
			assertThat(flaky.failed).isEmpty();
			assertThat(retries(context, "flaky")).isEqualTo(2);
		});
	}

	@Test
	void theErrorHandlerSeesTheLastFailureAndTheAttempts() {
		runner().run((context) -> {
			ManagedMqttClient client = connected(context);
			Flaky flaky = context.getBean(Flaky.class);
			flaky.failuresLeft.put("always", Integer.MAX_VALUE);
			publish(client, "retry/a", "always");
			await().atMost(Duration.ofSeconds(10)).until(() -> !flaky.failed.isEmpty());
			MqttListenerException failure = flaky.failed.get(0);
			assertThat(failure.getAttempts()).isEqualTo(3);
			assertThat(failure).hasMessageContaining("after 3 attempts").hasMessageContaining("attempt 3");
			assertThat(flaky.attempts.get("always")).hasValue(3);
		});
	}

	@Test
	void aRetryHoldsBackOnlyItsOwnTopicAndKeepsItsOrder() {
		// a1 is acknowledged only after its retry: b1 must reach the client before that
		broker.assumeMosquitto(TestBroker.DELIVERY_PAST_UNACKNOWLEDGED);
		runner().withPropertyValues("mqtt.listener.retry.initial-interval=1500ms").run((context) -> {
			ManagedMqttClient client = connected(context);
			Flaky flaky = context.getBean(Flaky.class);
			flaky.failuresLeft.put("a1", 1);
			publish(client, "retry/a", "a1");
			publish(client, "retry/a", "a2");
			publish(client, "retry/b", "b1");
			// one worker: b1 is handled while a1 waits for its retry, and a2 waits behind a1
			await().atMost(Duration.ofSeconds(10)).until(() -> flaky.handled.contains("a2"));
			assertThat(flaky.handled).containsExactly("b1", "a1", "a2");
		});
	}

	@Test
	void aMessageThatCannotBeConvertedIsNeverRetried() {
		runner().run((context) -> {
			ManagedMqttClient client = connected(context);
			Flaky flaky = context.getBean(Flaky.class);
			publish(client, "retry/json", "{not json");
			await().atMost(Duration.ofSeconds(10)).until(() -> !flaky.failed.isEmpty());
			assertThat(flaky.failed.get(0).getAttempts()).isOne();
			assertThat(retries(context, "json")).isZero();
		});
	}

	@Test
	void aStopDoesNotWaitForARetrysDelay() {
		runner().withPropertyValues("mqtt.listener.retry.initial-interval=60s", "mqtt.listener.retry.max-interval=60s")
			.run((context) -> {
				ManagedMqttClient client = connected(context);
				Flaky flaky = context.getBean(Flaky.class);
				flaky.failuresLeft.put("slow", 1);
				publish(client, "retry/a", "slow");
				await().atMost(Duration.ofSeconds(10)).until(() -> retries(context, "flaky") == 1);
				long start = System.nanoTime();
				((ConfigurableApplicationContext) context.getSourceApplicationContext()).close();
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
				assertThat(client.getPendingWorkCount()).isZero();
			});
	}

	record Reading(String sensor, double value) {
	}

	@Configuration(proxyBeanMethods = false)
	static class Flaky {

		final List<String> handled = new CopyOnWriteArrayList<>();

		final Map<String, Integer> failuresLeft = new ConcurrentHashMap<>();

		final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

		final List<MqttListenerException> failed = new CopyOnWriteArrayList<>();

		@Bean
		MqttListenerErrorHandler recordingHandler() {
			return (message, exception) -> this.failed.add(exception);
		}

		@MqttListener(id = "flaky", topics = "retry/+", errorHandler = "recordingHandler")
		void onMessage(String payload) {
			int attempt = this.attempts.computeIfAbsent(payload, (key) -> new AtomicInteger()).incrementAndGet();
			if (this.failuresLeft.getOrDefault(payload, 0) >= attempt) {
				throw new IllegalStateException("attempt " + attempt + " of " + payload + " failed");
			}
			this.handled.add(payload);
		}

		@MqttListener(id = "json", topics = "retry/json", errorHandler = "recordingHandler")
		void onReading(Reading reading) {
			this.handled.add(reading.sensor());
		}

	}

}
