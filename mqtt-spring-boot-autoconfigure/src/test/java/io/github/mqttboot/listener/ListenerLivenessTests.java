package io.github.mqttboot.listener;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.mqttboot.actuate.MqttHealthIndicator;
import io.github.mqttboot.actuate.MqttListenersView.ListenerDescription;
import io.github.mqttboot.actuate.RegistryListenersView;
import io.github.mqttboot.annotation.MqttListener;
import io.github.mqttboot.client.ManagedMqttClient;
import io.github.mqttboot.testsupport.TestBroker;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static io.github.mqttboot.listener.ListenerTestSupport.connected;
import static io.github.mqttboot.listener.ListenerTestSupport.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Health and the endpoint read a listener's liveness, not a flag set at start: a handler stuck
 * beyond {@code mqtt.listener.stall-timeout} is reported stalled (health DOWN naming it, the
 * stalled gauge at 1, the observer told once) and recovers when it returns; a paused listener is
 * no failure; the watchdog goes on watching whatever an observer throws.
 */
@ExtendWith(OutputCaptureExtension.class)
class ListenerLivenessTests {

	@RegisterExtension
	static final TestBroker broker = TestBroker.create();

	private ApplicationContextRunner runner() {
		return ListenerTestSupport.runner(broker.uri())
			.withPropertyValues("mqtt.listener.stall-timeout=1s")
			.withUserConfiguration(Blocking.class);
	}

	@Test
	void aHandlerStuckBeyondTheStallTimeoutIsReportedAndRecovers() {
		runner().run((context) -> {
			ManagedMqttClient client = connected(context);
			Blocking blocking = context.getBean(Blocking.class);
			MqttHealthIndicator health = health(context, client);
			assertThat(health.health().getStatus()).isEqualTo(Status.UP);
			publish(client, "live/block", "block");
			await().atMost(Duration.ofSeconds(10)).until(() -> state(context, "blocking").equals("stalled"));
			Health down = health.health();
			assertThat(down.getStatus()).isEqualTo(Status.DOWN);
			assertThat(down.getDetails()).containsEntry("failingListeners", List.of("blocking"));
			assertThat(listener(context, "blocking").longestCallMillis()).isGreaterThanOrEqualTo(1000);
			await().atMost(Duration.ofSeconds(5)).until(() -> stalledGauge(context) == 1);
			await().atMost(Duration.ofSeconds(5)).until(() -> blocking.events.contains("stalled blocking"));
			blocking.release.countDown();
			await().atMost(Duration.ofSeconds(10)).until(() -> state(context, "blocking").equals("running"));
			assertThat(health.health().getStatus()).isEqualTo(Status.UP);
			await().atMost(Duration.ofSeconds(5)).until(() -> blocking.events.contains("recovered blocking"));
			assertThat(blocking.events).containsExactly("stalled blocking", "recovered blocking");
			assertThat(stalledGauge(context)).isZero();
		});
	}

	@Test
	void aPausedListenerWithWaitingMessagesIsNoFailure() {
		// the first message, taken and held by the paused listener, is not acknowledged: the second
		// must reach the client before that
		broker.assumeMosquitto(TestBroker.DELIVERY_PAST_UNACKNOWLEDGED);
		runner().run((context) -> {
			ManagedMqttClient client = connected(context);
			MqttListenerEndpointRegistry registry = context.getBean(MqttListenerEndpointRegistry.class);
			registry.pauseListener("blocking");
			publish(client, "live/queued", "one");
			publish(client, "live/queued", "two");
			await().atMost(Duration.ofSeconds(5)).until(() -> listener(context, "blocking").queued() > 0);
			// for longer than the stall timeout: paused on purpose is not stalled
			await().during(Duration.ofMillis(1500))
				.atMost(Duration.ofSeconds(5))
				.until(() -> state(context, "blocking").equals("paused"));
			assertThat(health(context, client).health().getStatus()).isEqualTo(Status.UP);
		});
	}

	@Test
	void theWatchdogWatchesOnAfterAnObserverThrowsAnOutOfMemoryError(CapturedOutput output) {
		runner().withUserConfiguration(OutOfMemoryOnStall.class).run((context) -> {
			ManagedMqttClient client = connected(context);
			Blocking blocking = context.getBean(Blocking.class);
			publish(client, "live/block", "block");
			await().atMost(Duration.ofSeconds(10)).until(() -> context.getBean(OutOfMemoryOnStall.class).thrown.get());
			blocking.release.countDown();
			await().atMost(Duration.ofSeconds(10)).until(() -> blocking.events.contains("recovered blocking"));
			assertThat(output).contains("Periodic check failed");
		});
	}

	private static MqttHealthIndicator health(ApplicationContext context, ManagedMqttClient client) {
		RegistryListenersView view = new RegistryListenersView(context.getBean(MqttListenerEndpointRegistry.class));
		return new MqttHealthIndicator(client, Duration.ofSeconds(30), view::listeners);
	}

	private static ListenerDescription listener(ApplicationContext context, String id) {
		return new RegistryListenersView(context.getBean(MqttListenerEndpointRegistry.class)).listeners()
			.stream()
			.filter((listener) -> listener.id().equals(id))
			.findFirst()
			.orElseThrow();
	}

	private static String state(ApplicationContext context, String id) {
		return listener(context, id).state();
	}

	private static double stalledGauge(ApplicationContext context) {
		return context.getBean(MeterRegistry.class).get("mqtt.listener.stalled").tag("listener", "blocking").gauge().value();
	}

	@Configuration(proxyBeanMethods = false)
	static class Blocking {

		final CountDownLatch release = new CountDownLatch(1);

		final List<String> events = new CopyOnWriteArrayList<>();

		@Bean
		MqttListenerObserver recordingObserver() {
			return new MqttListenerObserver() {

				@Override
				public void stalled(String listenerId, String description) {
					Blocking.this.events.add("stalled " + listenerId);
				}

				@Override
				public void recovered(String listenerId) {
					Blocking.this.events.add("recovered " + listenerId);
				}

			};
		}

		@MqttListener(id = "blocking", topics = "live/+")
		void on(String payload) throws InterruptedException {
			if (payload.equals("block")) {
				// stands for a handler stuck on a resource: the test releases it
				this.release.await(30, TimeUnit.SECONDS);
			}
		}

	}

	/** An observer that meets an OutOfMemoryError on the first stall it is told of. */
	@Configuration(proxyBeanMethods = false)
	static class OutOfMemoryOnStall {

		final AtomicBoolean thrown = new AtomicBoolean();

		@Bean
		MqttListenerObserver outOfMemoryObserver() {
			return new MqttListenerObserver() {

				@Override
				public void stalled(String listenerId, String description) {
					if (OutOfMemoryOnStall.this.thrown.compareAndSet(false, true)) {
						throw new OutOfMemoryError("simulated");
					}
				}

			};
		}

	}

}
