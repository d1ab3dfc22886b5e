package io.github.mqttboot.security;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.github.mqttboot.annotation.MqttListener;
import io.github.mqttboot.autoconfigure.listener.MqttListenerAutoConfiguration;
import io.github.mqttboot.client.DriverPair;
import io.github.mqttboot.client.ManagedMqttClient;
import io.github.mqttboot.client.TestClients;
import io.github.mqttboot.core.MqttConversionException;
import io.github.mqttboot.listener.MqttHeaderNames;
import io.github.mqttboot.listener.MqttListenerEndpointRegistry;
import io.github.mqttboot.listener.MqttListenerErrorHandler;
import io.github.mqttboot.listener.MqttListenerException;
import io.github.mqttboot.testsupport.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Oversized and malformed inbound data goes to the error path: a payload beyond
 * {@code mqtt.listener.max-payload-size} is left behind by the reading thread, and the listener's
 * worker takes the error path with the headers (the application's error handler never runs on
 * the reading thread), invalid UTF-8 for a {@code String} parameter fails conversion; the
 * listener goes on with the next message.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.github.mqttboot.client.DriverPair#pairs")
class InboundLimitsTests {

	@RegisterExtension
	static final TestBroker broker = TestBroker.create();

	@Parameter
	DriverPair pair;

	private ApplicationContextRunner runner() {
		return SecurityTestSupport.runner(this.pair)
			.withConfiguration(AutoConfigurations.of(MqttListenerAutoConfiguration.class))
			.withPropertyValues("mqtt.server-uris=" + broker.uri(), "mqtt.listener.max-payload-size=1KB",
					"mqtt.listener.queue-capacity=2")
			.withUserConfiguration(Sink.class);
	}

	@Test
	void oversizedPayloadsAreLeftBehindAndTheirHeadersTakeTheErrorPathOnTheListenersWorker() {
		runner().run((context) -> {
			ManagedMqttClient client = connected(context);
			for (int i = 0; i < 10; i++) {
				client.publish("in/big", new byte[4096], 1, false).get(5, TimeUnit.SECONDS);
			}
			client.publish("in/small", "fits".getBytes(StandardCharsets.UTF_8), 1, false).get(5, TimeUnit.SECONDS);
			Sink sink = context.getBean(Sink.class);
			await().atMost(TestClients.await()).until(() -> sink.received.contains("fits"));
			assertThat(sink.received).containsExactly("fits");
			assertThat(sink.errors).hasSize(10).allSatisfy((error) -> {
				assertThat(error.exception()).hasMessageContaining("payload of 4096 bytes exceeds "
						+ "mqtt.listener.max-payload-size (1024 bytes)");
				assertThat(error.message().getPayload()).isEmpty();
				assertThat(error.message().getHeaders().get(MqttHeaderNames.RECEIVED_TOPIC)).isEqualTo("in/big");
				// the application's error handler, never on the thread that reads the connection
				assertThat(error.thread()).contains("-listener-");
			});
			assertThat(context.getBean(MqttListenerEndpointRegistry.class).getListenerContainer("sink").getErrorCount())
				.isEqualTo(10);
			// each acknowledged once its error path ran
			await().atMost(TestClients.await()).until(() -> client.getPendingWorkCount() == 0);
		});
	}

	@Test
	void invalidUtf8ForAStringGoesToTheErrorPath() {
		runner().run((context) -> {
			ManagedMqttClient client = connected(context);
			client.publish("in/text", new byte[] { 'a', (byte) 0xC3, (byte) 0x28 }, 1, false).get(5, TimeUnit.SECONDS);
			client.publish("in/text", "valid".getBytes(StandardCharsets.UTF_8), 1, false).get(5, TimeUnit.SECONDS);
			Sink sink = context.getBean(Sink.class);
			await().atMost(TestClients.await()).until(() -> sink.received.contains("valid"));
			assertThat(sink.received).containsExactly("valid");
			assertThat(sink.errors).singleElement()
				.satisfies((error) -> assertThat(error.exception()).hasRootCauseInstanceOf(
						java.nio.charset.MalformedInputException.class)
					.hasStackTraceContaining(MqttConversionException.class.getName())
					.hasStackTraceContaining("Payload is not valid UTF-8"));
		});
	}

	private static ManagedMqttClient connected(org.springframework.context.ApplicationContext context) {
		ManagedMqttClient client = context.getBean(ManagedMqttClient.class);
		await().atMost(TestClients.await())
			.until(() -> client.isConnected()
					&& client.getSubscriptions().stream().allMatch((subscription) -> subscription.reasonCode() >= 0));
		return client;
	}

	record Failure(Message<byte[]> message, MqttListenerException exception, String thread) {
	}

	@Configuration(proxyBeanMethods = false)
	static class Sink {

		final List<String> received = new CopyOnWriteArrayList<>();

		final List<Failure> errors = new CopyOnWriteArrayList<>();

		@MqttListener(id = "sink", topics = "in/+", errorHandler = "capture")
		void sink(String payload) {
			this.received.add(payload);
		}

		@Bean
		MqttListenerErrorHandler capture() {
			return (message, exception) -> this.errors
				.add(new Failure(message, exception, Thread.currentThread().getName()));
		}

	}

}
