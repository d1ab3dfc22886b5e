package io.github.mqttboot.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.hivemq.client.mqtt.MqttClientBuilder;
import io.github.mqttboot.client.FreePorts;
import io.github.mqttboot.client.ManagedMqttClient;
import io.github.mqttboot.client.MqttConnectionException;
import io.github.mqttboot.client.MqttCredentialsException;
import io.github.mqttboot.client.MqttCredentialsProvider;
import io.github.mqttboot.client.TestClients;
import io.github.mqttboot.core.MqttTemplate;
import io.github.mqttboot.test.MqttBrokerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The auto-configured client against a real broker, from context start to context close.
 */
class MqttAutoConfigurationIntegrationTests {

	@RegisterExtension
	static final MqttBrokerExtension broker = new MqttBrokerExtension();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, MqttAutoConfiguration.class));

	record Reading(String sensor, double value) {
	}

	@Test
	void templatePublishesJsonThatASubscriptionReceivesAndCloseReleasesEveryThread() {
		int jvmMqttThreadsBefore = TestClients.mqttThreads().size();
		ManagedMqttClient[] clients = new ManagedMqttClient[1];
		this.runner.withPropertyValues("mqtt.server-uris=" + broker.getServerUri()).run((context) -> {
			ManagedMqttClient client = context.getBean(ManagedMqttClient.class);
			clients[0] = client;
			await().atMost(TestClients.await()).until(client::isConnected);
			CompletableFuture<String> received = new CompletableFuture<>();
			client.subscribe("readings/+", 1, (message) -> received.complete(
					new String(message.payload(), StandardCharsets.UTF_8) + " " + message.properties().contentType()))
				.get(5, TimeUnit.SECONDS);
			context.getBean(MqttTemplate.class).publish("readings/1", new Reading("s1", 21.5)).get(5, TimeUnit.SECONDS);
			assertThat(received.get(5, TimeUnit.SECONDS))
				.isEqualTo("{\"sensor\":\"s1\",\"value\":21.5} application/json");
			assertThat(TestClients.mqttThreads()).allSatisfy((thread) -> assertThat(client.getOwnedThreads().contains(thread))
				.as(thread.getName()).isTrue());
		});
		assertThat(clients[0].getThreadCount()).as("owned threads after the context closed").isZero();
		await().atMost(TestClients.await()).until(() -> TestClients.mqttThreads().size() == jvmMqttThreadsBefore);
	}

	@Test
	void hiveMqBuilderCustomizersApplyToEveryAttemptButCannotTurnOnHiveMqsOwnReconnect() {
		AtomicInteger connectedListenerCalls = new AtomicInteger();
		AtomicReference<MqttClientBuilder> customized = new AtomicReference<>();
		HiveMqClientBuilderCustomizer customizer = (builder) -> {
			customized.set(builder);
			builder.automaticReconnectWithDefaultConfig()
				.addConnectedListener((connected) -> connectedListenerCalls.incrementAndGet());
		};
		this.runner.withPropertyValues("mqtt.server-uris=" + broker.getServerUri(), "mqtt.driver=hivemq")
			.withBean(HiveMqClientBuilderCustomizer.class, () -> customizer)
			.run((context) -> {
				ManagedMqttClient client = context.getBean(ManagedMqttClient.class);
				await().atMost(TestClients.await()).until(client::isConnected);
				assertThat(connectedListenerCalls).hasValue(1);
				// the builder as the client was built from it: the supervisor's reconnect, not HiveMQ's
				assertThat(customized.get().useMqttVersion5().build().getConfig().getAutomaticReconnect()).isEmpty();
				assertThat(client.getOwnedThreads().stream().filter((thread) -> thread.getName().contains("-hivemq-")).count()).isEqualTo(2);
			});
	}

	@Test
	void waitForConnectionFailsStartupWithAnAnalysis() {
		String unreachable = "tcp://127.0.0.1:" + FreePorts.closedPort();
		AtomicReference<Environment> environment = new AtomicReference<>();
		this.runner.withInitializer((context) -> environment.set(context.getEnvironment()))
			.withPropertyValues("mqtt.server-uris=" + unreachable, "mqtt.startup.wait-for-connection=500ms")
			.run((context) -> {
				assertThat(context).hasFailed();
				Throwable failure = context.getStartupFailure();
				assertThat(failure).rootCause().isInstanceOf(java.net.ConnectException.class);
				FailureAnalysis analysis = new MqttConnectionFailureAnalyzer(environment.get()).analyze(failure);
				assertThat(analysis.getDescription()).contains(unreachable)
					.contains("MQTT client 'mqttClient'")
					.contains("('mqtt.startup.wait-for-connection')");
				assertThat(analysis.getAction()).contains("mqtt.server-uris");
				assertThat(failure).hasStackTraceContaining(MqttConnectionException.class.getName());
			});
	}

	@Test
	void aFailingCredentialsProviderIsNamedInTheStartupAnalysis() {
		String unreachable = "tcp://127.0.0.1:" + FreePorts.closedPort();
		MqttCredentialsProvider failing = (clientName, serverUri) -> {
			throw new IllegalStateException("token service unavailable");
		};
		AtomicReference<Environment> environment = new AtomicReference<>();
		this.runner.withInitializer((context) -> environment.set(context.getEnvironment()))
			.withPropertyValues("mqtt.server-uris=" + unreachable, "mqtt.startup.wait-for-connection=500ms")
			.withBean(MqttCredentialsProvider.class, () -> failing)
			.run((context) -> {
				assertThat(context).hasFailed();
				Throwable failure = context.getStartupFailure();
				assertThat(failure).hasStackTraceContaining(MqttCredentialsException.class.getName());
				FailureAnalysis analysis = new MqttConnectionFailureAnalyzer(environment.get()).analyze(failure);
				assertThat(analysis.getDescription()).contains("token service unavailable");
				assertThat(analysis.getAction()).contains("MqttCredentialsProvider")
					.contains("MqttCredentials.NONE")
					.doesNotContain("is running");
			});
	}

}
