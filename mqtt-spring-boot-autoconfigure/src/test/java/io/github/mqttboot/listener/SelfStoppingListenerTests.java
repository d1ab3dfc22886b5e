package io.github.mqttboot.listener;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.github.mqttboot.annotation.MqttListener;
import io.github.mqttboot.client.ManagedMqttClient;
import io.github.mqttboot.client.Subscription;
import io.github.mqttboot.testsupport.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import static io.github.mqttboot.listener.ListenerTestSupport.connected;
import static io.github.mqttboot.listener.ListenerTestSupport.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A listener that stops itself from its handler, as an application does on a message that says
 * to: the call returns at once (a worker cannot wait for itself), the handler goes on
 * uninterrupted, the messages queued behind it are handled as a stop from elsewhere would
 * handle them, and the listener starts again with none of their retries held against it.
 */
@ExtendWith(OutputCaptureExtension.class)
class SelfStoppingListenerTests {

	@RegisterExtension
	static final TestBroker broker = TestBroker.create();

	@Test
	void aListenerStoppedFromItsOwnHandlerStopsAtOnceAndStartsAgain(CapturedOutput output) {
		ListenerTestSupport.runner(broker.uri())
			.withPropertyValues("mqtt.shutdown.timeout=10s")
			.withUserConfiguration(SelfStopping.class)
			.run((context) -> {
				ManagedMqttClient client = connected(context);
				SelfStopping listener = context.getBean(SelfStopping.class);
				MqttListenerEndpointRegistry registry = context.getBean(MqttListenerEndpointRegistry.class);
				publish(client, "self/1", "stop");
				await().atMost(Duration.ofSeconds(5)).until(() -> listener.received.values.contains("stop"));
				publish(client, "self/1", "behind");
				assertThat(listener.stopCall.get(20, TimeUnit.SECONDS)).isLessThan(Duration.ofSeconds(2));
				assertThat(listener.interruptedAfterStop).isFalse();
				await().atMost(Duration.ofSeconds(5)).until(() -> listener.received.values.contains("behind"));
				assertThat(registry.getListenerContainer("self").isRunning()).isFalse();
				assertThat(client.getSubscriptions()).extracting(Subscription::filter).doesNotContain("self/+");
				assertThat(registry.startListener("self")).isTrue();
				connected(context);
				publish(client, "self/2", "after");
				await().atMost(Duration.ofSeconds(5)).until(() -> listener.received.values.contains("after"));
				assertThat(output).doesNotContain("did not finish its queued work in time");
			});
	}

	@Test
	void aFailureQueuedBehindTheStopIsHandledAsAStopFromElsewhereWouldHandleIt(CapturedOutput output) {
		ListenerTestSupport.runner(broker.uri()).withUserConfiguration(SelfStopping.class).run((context) -> {
			ManagedMqttClient client = connected(context);
			SelfStopping listener = context.getBean(SelfStopping.class);
			publish(client, "self/1", "stop");
			await().atMost(Duration.ofSeconds(5)).until(() -> listener.received.values.contains("stop"));
			publish(client, "self/1", "fail");
			listener.stopCall.get(20, TimeUnit.SECONDS);
			await().atMost(Duration.ofSeconds(5)).until(() -> listener.received.values.contains("fail"));
			// its retry is not waited for, as with any stop, and nothing fails on the way
			await().during(Duration.ofMillis(500))
				.atMost(Duration.ofSeconds(5))
				.until(() -> !output.toString().contains("Unexpected failure"));
			// nor does it hold its topic back once the listener runs again
			assertThat(context.getBean(MqttListenerEndpointRegistry.class).startListener("self")).isTrue();
			connected(context);
			publish(client, "self/1", "after");
			await().atMost(Duration.ofSeconds(5)).until(() -> listener.received.values.contains("after"));
		});
	}

	@Test
	void aListenerStoppedWhileReadingWaitsForRoomInItsQueueStopsAtOnceAndHandlesTheRest(CapturedOutput output) {
		ListenerTestSupport.runner(broker.uri())
			.withPropertyValues("mqtt.listener.queue-capacity=2", "mqtt.listener.qos0-overflow=wait")
			.withUserConfiguration(SelfStoppingWhenFull.class)
			.run((context) -> {
				ManagedMqttClient client = connected(context);
				SelfStoppingWhenFull listener = context.getBean(SelfStoppingWhenFull.class);
				publish(client, "full/1", "stop");
				await().atMost(Duration.ofSeconds(5)).until(() -> listener.received.values.contains("stop"));
				for (String payload : new String[] { "a", "b", "c" }) {
					client.publish("full/1", payload.getBytes(StandardCharsets.UTF_8), 0, false).get(10, TimeUnit.SECONDS);
				}
				assertThat(listener.stopCall.get(20, TimeUnit.SECONDS)).isLessThan(Duration.ofSeconds(2));
				await().atMost(Duration.ofSeconds(5))
					.untilAsserted(() -> assertThat(listener.received.values).containsAll(List.of("a", "b", "c")));
				await().atMost(Duration.ofSeconds(5)).until(() -> client.getPendingWorkCount() == 0);
				assertThat(output).doesNotContain("did not finish its queued work in time");
			});
	}

	@Test
	void aListenerStoppedFromOneWorkerInterruptsAnotherStuckWorkerAtTheDeadline() {
		ListenerTestSupport.runner(broker.uri())
			.withPropertyValues("mqtt.shutdown.timeout=1s")
			.withUserConfiguration(TwoWorkers.class)
			.run((context) -> {
				ManagedMqttClient client = connected(context);
				TwoWorkers listener = context.getBean(TwoWorkers.class);
				// two topics on different workers: a worker is chosen by the topic's hash
				String stuck = "two/stuck";
				String stopping = IntStream.range(0, 100)
					.mapToObj((i) -> "two/stop-" + i)
					.filter((topic) -> Math.floorMod(topic.hashCode(), 2) != Math.floorMod(stuck.hashCode(), 2))
					.findFirst()
					.orElseThrow();
				publish(client, stuck, "stuck");
				await().atMost(Duration.ofSeconds(5)).until(() -> listener.received.values.contains("stuck"));
				publish(client, stopping, "stop");
				await().atMost(Duration.ofSeconds(10)).until(() -> listener.interrupted);
				await().atMost(Duration.ofSeconds(5)).until(() -> client.getPendingWorkCount() == 0);
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class TwoWorkers {

		final ListenerTestSupport.Received received = new ListenerTestSupport.Received();

		volatile boolean interrupted;

		private final ObjectProvider<MqttListenerEndpointRegistry> registry;

		TwoWorkers(ObjectProvider<MqttListenerEndpointRegistry> registry) {
			this.registry = registry;
		}

		@MqttListener(id = "two", topics = "two/+", qos = 1, concurrency = "2")
		void on(String payload) {
			this.received.add(payload);
			if (payload.equals("stuck")) {
				try {
					new CountDownLatch(1).await(30, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					this.interrupted = true;
				}
			}
			if (payload.equals("stop")) {
				this.registry.getObject().stopListener("two");
			}
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SelfStoppingWhenFull {

		final ListenerTestSupport.Received received = new ListenerTestSupport.Received();

		final CompletableFuture<Duration> stopCall = new CompletableFuture<>();

		private final ObjectProvider<MqttListenerEndpointRegistry> registry;

		private final ObjectProvider<ManagedMqttClient> client;

		SelfStoppingWhenFull(ObjectProvider<MqttListenerEndpointRegistry> registry,
				ObjectProvider<ManagedMqttClient> client) {
			this.registry = registry;
			this.client = client;
		}

		@MqttListener(id = "full", topics = "full/+", qos = 0)
		void on(String payload) {
			this.received.add(payload);
			if (payload.equals("stop")) {
				// this one under way, two queued and a third waiting for room: reading waits
				await().atMost(Duration.ofSeconds(5)).until(() -> this.client.getObject().getPendingWorkCount() >= 4);
				long start = System.nanoTime();
				this.registry.getObject().stopListener("full");
				this.stopCall.complete(Duration.ofNanos(System.nanoTime() - start));
			}
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SelfStopping {

		final ListenerTestSupport.Received received = new ListenerTestSupport.Received();

		final CompletableFuture<Duration> stopCall = new CompletableFuture<>();

		volatile boolean interruptedAfterStop;

		private final ObjectProvider<MqttListenerEndpointRegistry> registry;

		SelfStopping(ObjectProvider<MqttListenerEndpointRegistry> registry) {
			this.registry = registry;
		}

		@MqttListener(id = "self", topics = "self/+", qos = 1, maxAttempts = "3")
		void on(String payload) {
			this.received.add(payload);
			if (payload.equals("fail")) {
				throw new IllegalStateException("fails, to be retried");
			}
			if (payload.equals("stop")) {
				MqttListenerEndpointRegistry endpoints = this.registry.getObject();
				// stops with a message queued behind this one
				await().atMost(Duration.ofSeconds(5)).until(() -> endpoints.getListenerContainer("self").getQueued() > 0);
				long start = System.nanoTime();
				endpoints.stopListener("self");
				this.interruptedAfterStop = Thread.currentThread().isInterrupted();
				this.stopCall.complete(Duration.ofNanos(System.nanoTime() - start));
			}
		}

	}

}
