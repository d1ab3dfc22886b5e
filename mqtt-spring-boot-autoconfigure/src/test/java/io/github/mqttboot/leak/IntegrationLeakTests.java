package io.github.mqttboot.leak;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.mqttboot.autoconfigure.MqttAutoConfiguration;
import io.github.mqttboot.autoconfigure.integration.MqttIntegrationAutoConfiguration;
import io.github.mqttboot.client.ManagedMqttClient;
import io.github.mqttboot.client.TestClients;
import io.github.mqttboot.testsupport.TestBroker;
import org.eclipse.paho.mqttv5.client.IMqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.Transformers;
import org.springframework.integration.mqtt.core.ClientManager;
import org.springframework.integration.mqtt.inbound.Mqttv5PahoMessageDrivenChannelAdapter;
import org.springframework.integration.mqtt.outbound.Mqttv5PahoMessageHandler;
import org.springframework.integration.mqtt.support.MqttHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The broker-kill scenario with a Spring Integration inbound adapter and outbound handler on the
 * client: the shared connection's threads, including the adapters' dispatcher, stay the client's
 * own and counted, and nothing survives the context.
 */
class IntegrationLeakTests {

	@RegisterExtension
	static final TestBroker broker = TestBroker.create();

	@Test
	void brokerKilledAndRestartedWithAdaptersAttached() {
		int connectedBaseline = LeakCheck.connectedBaseline(broker.uri());
		int attempts = Math.max(20, LeakCheck.attempts() / 5);
		try (LeakCheck check = new LeakCheck("broker-kill-9-restart-with-integration")) {
			ManagedMqttClient client = check.watch(TestClients.client("flow", (settings) -> {
				settings.setReconnectInitialDelay(Duration.ofMillis(1));
				settings.setReconnectMaxDelay(Duration.ofMillis(5));
				settings.setReconnectJitter(0);
			}, broker.uri()));
			new ApplicationContextRunner()
				.withConfiguration(AutoConfigurations.of(MqttAutoConfiguration.class, MqttIntegrationAutoConfiguration.class))
				.withBean("mqttClient", ManagedMqttClient.class, () -> client)
				.withUserConfiguration(EchoFlow.class)
				.run((context) -> {
					EchoFlow flow = context.getBean(EchoFlow.class);
					for (int i = 1; i <= attempts; i++) {
						int connected = i;
						await().atMost(TestClients.await()).until(() -> client.isConnected() && check.successes.get() >= connected);
						broker.kill();
						broker.restart();
					}
					await().atMost(TestClients.await()).until(() -> client.isConnected() && check.successes.get() > attempts);
					client.publish("echo/in", "still flowing".getBytes(StandardCharsets.UTF_8), 1, false);
					await().atMost(TestClients.await()).until(() -> flow.echoed.contains("still flowing"));
					// the adapters' work runs on one more thread of the client's own
					check.assertBackToConnectedBaseline(connectedBaseline + 1);
					assertThat(client.getOwnedThreads().stream().filter((thread) -> thread.getName().contains("-integration-")).count()).isOne();
					check.assertReleasedAfter(context::close, attempts);
				});
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableIntegration
	static class EchoFlow {

		final List<String> echoed = new CopyOnWriteArrayList<>();

		@Bean
		IntegrationFlow echo(ClientManager<IMqttAsyncClient, MqttConnectionOptions> clientManager) {
			Mqttv5PahoMessageHandler outbound = new Mqttv5PahoMessageHandler(clientManager);
			outbound.setDefaultQos(1);
			return IntegrationFlow.from(new Mqttv5PahoMessageDrivenChannelAdapter(clientManager, "echo/in"))
				.enrichHeaders((headers) -> headers.header(MqttHeaders.TOPIC, "echo/out"))
				.handle(outbound)
				.get();
		}

		@Bean
		IntegrationFlow collect(ClientManager<IMqttAsyncClient, MqttConnectionOptions> clientManager) {
			return IntegrationFlow.from(new Mqttv5PahoMessageDrivenChannelAdapter(clientManager, "echo/out"))
				.transform(Transformers.objectToString())
				.handle((payload, headers) -> {
					this.echoed.add((String) payload);
					return null;
				})
				.get();
		}

	}

}
