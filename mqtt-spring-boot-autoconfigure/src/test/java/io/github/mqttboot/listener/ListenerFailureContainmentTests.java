package io.github.mqttboot.listener;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import io.github.mqttboot.annotation.MqttListener;
import io.github.mqttboot.client.DriverPair;
import io.github.mqttboot.client.ManagedMqttClient;
import io.github.mqttboot.testsupport.TestBroker;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static io.github.mqttboot.listener.ListenerTestSupport.connected;
import static io.github.mqttboot.listener.ListenerTestSupport.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Nothing a listener's code throws ends its worker: each kind of throwable, a throwing error
 * handler and a dead letter the broker refuses take the failure path, and the next message is
 * handled. An error handler name that names no bean fails startup naming the method.
 */
@ExtendWith(OutputCaptureExtension.class)
class ListenerFailureContainmentTests {

	private static final Map<String, Supplier<Throwable>> THROWABLES = Map.of("assertion-error",
			() -> new AssertionError("expected"), "stack-overflow", StackOverflowError::new, "no-class-def",
			() -> new NoClassDefFoundError("com/example/Missing"), "runtime-exception",
			() -> new IllegalStateException("broken"), "checked-exception", () -> new Exception("checked"));

	@RegisterExtension
	static final TestBroker broker = TestBroker.create();

	private ApplicationContextRunner runner() {
		return runner(broker.uri());
	}

	private ApplicationContextRunner runner(String brokerUri) {
		return ListenerTestSupport.runner(DriverPair.PAHO_V5, brokerUri)
			// retries have their own tests: here every failure takes the failure path at once
			.withPropertyValues("mqtt.listener.retry.max-attempts=1");
	}

	@ParameterizedTest
	@ValueSource(strings = { "assertion-error", "stack-overflow", "no-class-def", "runtime-exception",
			"checked-exception" })
	void aThrowableTakesTheFailurePathAndTheNextMessageIsHandled(String kind) {
		runner().withUserConfiguration(Throwing.class).run((context) -> {
			ManagedMqttClient client = connected(context);
			Throwing listener = context.getBean(Throwing.class);
			publish(client, "work/plain", "throw:" + kind);
			publish(client, "work/plain", "next");
			await().atMost(Duration.ofSeconds(10)).until(() -> listener.handled.contains("next"));
			assertThat(context.getBean(MqttListenerEndpointRegistry.class).getListenerContainer("plain").getErrorCount())
				.isOne();
		});
	}

	@Test
	void aThrowingErrorHandlerAndARefusedDeadLetterLeaveTheWorkerRunning() {
		// the broker refuses the dead letter: an ACL of Mosquitto's
		try (TestBroker secured = TestBroker.create()
			.user("device", "device-pw")
			.acl("user device", "topic readwrite work/#", "topic read refused/#")
			.start()) {
			runner(secured.uri()).withPropertyValues("mqtt.username=device", "mqtt.password=device-pw")
				.withUserConfiguration(Throwing.class)
				.run((context) -> {
					ManagedMqttClient client = connected(context);
					Throwing listener = context.getBean(Throwing.class);
					for (int i = 0; i < 3; i++) {
						publish(client, "work/guarded", "throw:assertion-error");
					}
					publish(client, "work/guarded", "next");
					await().atMost(Duration.ofSeconds(10)).until(() -> listener.handled.contains("next"));
					assertThat(listener.errorHandlerCalls).hasSize(3);
				});
		}
	}

	@Test
	void aStreamOfPoisonMessagesLogsOneErrorAMinute(CapturedOutput output) {
		runner().withUserConfiguration(Throwing.class).run((context) -> {
			ManagedMqttClient client = connected(context);
			Throwing listener = context.getBean(Throwing.class);
			for (int i = 0; i < 20; i++) {
				publish(client, "work/plain", "throw:runtime-exception");
			}
			publish(client, "work/plain", "next");
			await().atMost(Duration.ofSeconds(10)).until(() -> listener.handled.contains("next"));
			assertThat(output.getOut().split("Listener 'plain' failed on a message", -1)).hasSize(2);
			assertThat(context.getBean(MqttListenerEndpointRegistry.class).getListenerContainer("plain").getErrorCount())
				.isEqualTo(20);
		});
	}

	@Test
	void anObserverThatThrowsHoldsNoMessageBack(CapturedOutput output) {
		runner().withUserConfiguration(Throwing.class, ThrowingObserver.class).run((context) -> {
			ManagedMqttClient client = connected(context);
			Throwing listener = context.getBean(Throwing.class);
			// more than the broker sends unacknowledged: none may be held back
			for (int i = 0; i < 50; i++) {
				publish(client, "work/plain", "m" + i);
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> listener.handled.size() == 50);
			// the starter's own observer is told as well
			assertThat(context.getBean(MeterRegistry.class)
				.get("mqtt.listener")
				.tags("listener", "plain", "outcome", "success")
				.timer()
				.count()).isEqualTo(50);
			assertThat(output.getOut().split("failed; the message goes on", -1)).hasSize(2);
		});
	}

	@Test
	void anErrorHandlerNameThatNamesNoBeanFailsStartupNamingTheMethod() {
		runner().withUserConfiguration(MisnamedHandler.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasStackTraceContaining("errorHandler 'typoHandler'")
				.hasStackTraceContaining("MisnamedHandler.onMessage");
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class Throwing {

		final List<String> handled = new CopyOnWriteArrayList<>();

		final List<String> errorHandlerCalls = new CopyOnWriteArrayList<>();

		@Bean
		MqttListenerErrorHandler throwingHandler() {
			return (message, exception) -> {
				this.errorHandlerCalls.add(exception.getMessage());
				throw new AssertionError("the error handler fails too");
			};
		}

		@MqttListener(id = "plain", topics = "work/plain")
		void plain(String payload) throws Throwable {
			handle(payload);
		}

		@MqttListener(id = "guarded", topics = "work/guarded", errorHandler = "throwingHandler",
				deadLetterTopic = "refused/dead")
		void guarded(String payload) throws Throwable {
			handle(payload);
		}

		private void handle(String payload) throws Throwable {
			if (payload.startsWith("throw:")) {
				throw THROWABLES.get(payload.substring("throw:".length())).get();
			}
			this.handled.add(payload);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ThrowingObserver implements MqttListenerObserver {

		@Override
		public void received(String listenerId, int qos) {
			throw new IllegalStateException("received");
		}

		@Override
		public void handled(String listenerId, boolean success, long nanos) {
			throw new AssertionError("handled");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class MisnamedHandler {

		@MqttListener(topics = "work/misnamed", errorHandler = "typoHandler")
		void onMessage(String payload) {
		}

	}

}
