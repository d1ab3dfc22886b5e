package io.github.mqttboot.listener;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.mqttboot.annotation.MqttListener;
import io.github.mqttboot.client.DriverPair;
import io.github.mqttboot.client.ManagedMqttClient;
import io.github.mqttboot.client.TestClients;
import io.github.mqttboot.testsupport.FaultProxy;
import io.github.mqttboot.testsupport.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import static io.github.mqttboot.listener.ListenerTestSupport.connected;
import static io.github.mqttboot.listener.ListenerTestSupport.publish;
import static io.github.mqttboot.listener.ListenerTestSupport.retries;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A message whose connection is lost while its listener handles it (acknowledged after the
 * handler) cannot be acknowledged any more: that is no failure of the listener, whose worker
 * goes on without an error, and a topic held back for a retry is let go once the retry is done.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.github.mqttboot.client.DriverPair#pairs")
@ExtendWith(OutputCaptureExtension.class)
class AcknowledgementAfterLossTests {

	@Parameter
	DriverPair pair;

	@RegisterExtension
	static final TestBroker broker = TestBroker.create();

	@Test
	void aRetryDoneAfterItsConnectionWasLostLetsItsTopicGo() throws Exception {
		try (FaultProxy proxy = FaultProxy.to(broker.port())) {
			runner(proxy).withPropertyValues("mqtt.listener.retry.initial-interval=2s").run((context) -> {
				ManagedMqttClient client = connected(context);
				Handler handler = context.getBean(Handler.class);
				handler.failOnce = "first";
				publish(client, "ack/a", "first");
				await().atMost(Duration.ofSeconds(10)).until(() -> retries(context, "handler") == 1);
				AtomicInteger losses = TestClients.countLosses(client);
				proxy.resetEstablished();
				await().atMost(Duration.ofSeconds(10)).until(() -> losses.get() == 1 && client.isConnected());
				await().atMost(Duration.ofSeconds(10)).until(() -> handler.handled.contains("first"));
				publish(client, "ack/a", "after");
				await().atMost(Duration.ofSeconds(10)).until(() -> handler.handled.contains("after"));
			});
		}
	}

	@Test
	void aHandlerThatOutlivesItsConnectionEndsWithoutAnError(CapturedOutput output) throws Exception {
		try (FaultProxy proxy = FaultProxy.to(broker.port())) {
			runner(proxy).run((context) -> {
				ManagedMqttClient client = connected(context);
				Handler handler = context.getBean(Handler.class);
				handler.blocked = new CountDownLatch(1);
				publish(client, "ack/b", "held");
				await().atMost(Duration.ofSeconds(10)).until(() -> handler.entered.contains("held"));
				AtomicInteger losses = TestClients.countLosses(client);
				proxy.resetEstablished();
				await().atMost(Duration.ofSeconds(10)).until(() -> losses.get() == 1 && client.isConnected());
				handler.blocked.countDown();
				await().atMost(Duration.ofSeconds(10)).until(() -> handler.handled.contains("held"));
				publish(client, "ack/b", "next");
				await().atMost(Duration.ofSeconds(10)).until(() -> handler.handled.contains("next"));
				assertThat(output).doesNotContain("Unexpected failure");
			});
		}
	}

	private ApplicationContextRunner runner(FaultProxy proxy) {
		return ListenerTestSupport.runner(this.pair, proxy.uri())
			.withUserConfiguration(Handler.class)
			.withPropertyValues("mqtt.client-id=ack-" + System.nanoTime(), "mqtt.listener.retry.max-interval=2s");
	}

	@Configuration(proxyBeanMethods = false)
	static class Handler {

		final List<String> entered = new CopyOnWriteArrayList<>();

		final List<String> handled = new CopyOnWriteArrayList<>();

		volatile String failOnce;

		volatile CountDownLatch blocked = new CountDownLatch(0);

		@MqttListener(id = "handler", topics = "ack/+")
		void onMessage(String payload) throws InterruptedException {
			this.entered.add(payload);
			if (payload.equals(this.failOnce)) {
				this.failOnce = null;
				throw new IllegalStateException("first attempt of " + payload + " failed");
			}
			this.blocked.await(10, TimeUnit.SECONDS);
			this.handled.add(payload);
		}

	}

}
