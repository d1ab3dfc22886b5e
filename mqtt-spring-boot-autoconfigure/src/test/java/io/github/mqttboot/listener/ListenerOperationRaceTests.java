package io.github.mqttboot.listener;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.mqttboot.annotation.MqttListener;
import io.github.mqttboot.client.ManagedMqttClient;
import io.github.mqttboot.client.Subscription;
import io.github.mqttboot.client.TestClients;
import io.github.mqttboot.testsupport.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import static io.github.mqttboot.listener.ListenerTestSupport.connected;
import static io.github.mqttboot.listener.ListenerTestSupport.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Run-time operations on a listener that overlap what they set off: a start whose SUBACK comes
 * after a stop and a start again, and a pause while a stop lets the workers finish.
 */
@ExtendWith(OutputCaptureExtension.class)
class ListenerOperationRaceTests {

	@RegisterExtension
	static final TestBroker broker = TestBroker.create();

	@Test
	void startsAndStopsFasterThanTheBrokerAnswersLeaveOneSubscription() {
		ListenerTestSupport.runner(broker.uri()).withUserConfiguration(Quick.class).run((context) -> {
			ManagedMqttClient client = connected(context);
			MqttListenerEndpointRegistry registry = context.getBean(MqttListenerEndpointRegistry.class);
			for (int i = 0; i < 5; i++) {
				registry.stopListener("quick");
				registry.startListener("quick");
			}
			connected(context);
			assertThat(client.getSubscriptions()).extracting(Subscription::filter).containsOnlyOnce("quick/+");
			publish(client, "quick/1", "once");
			Quick listener = context.getBean(Quick.class);
			await().atMost(TestClients.await()).until(() -> listener.received.values.contains("once"));
			await().during(Duration.ofMillis(300)).until(() -> listener.received.values.size() == 1);
		});
	}

	@Test
	void aPauseWhileAStopLetsTheWorkersFinishHoldsNothingBack(CapturedOutput output) {
		ListenerTestSupport.runner(broker.uri()).withUserConfiguration(Held.class).run((context) -> {
			ManagedMqttClient client = connected(context);
			MqttListenerEndpointRegistry registry = context.getBean(MqttListenerEndpointRegistry.class);
			MqttListenerContainer container = registry.getListenerContainer("held");
			Held listener = context.getBean(Held.class);
			for (int i = 0; i < 5; i++) {
				publish(client, "held/1", "m" + i);
			}
			await().atMost(TestClients.await()).until(() -> container.getReceivedCount() == 5);
			CompletableFuture<Void> stop = CompletableFuture.runAsync(() -> registry.stopListener("held"));
			await().atMost(TestClients.await()).until(() -> !container.isRunning());
			registry.pauseListener("held");
			listener.release.countDown();
			stop.get(20, TimeUnit.SECONDS);
			assertThat(listener.received.values).hasSize(5);
			await().atMost(TestClients.await()).until(() -> client.getPendingWorkCount() == 0);
			assertThat(output).doesNotContain("did not finish its queued work in time");
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class Quick {

		final ListenerTestSupport.Received received = new ListenerTestSupport.Received();

		@MqttListener(id = "quick", topics = "quick/+", qos = 1)
		void on(String payload) {
			this.received.add(payload);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Held {

		final ListenerTestSupport.Received received = new ListenerTestSupport.Received();

		final CountDownLatch release = new CountDownLatch(1);

		@MqttListener(id = "held", topics = "held/+", qos = 1)
		void on(String payload) throws InterruptedException {
			this.received.add(payload);
			this.release.await(20, TimeUnit.SECONDS);
		}

	}

}
