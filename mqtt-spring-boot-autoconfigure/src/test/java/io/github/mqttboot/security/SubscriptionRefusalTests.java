package io.github.mqttboot.security;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.auth.SubscriptionAuthorizer;
import com.hivemq.extension.sdk.api.packets.subscribe.SubackReasonCode;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import io.github.mqttboot.actuate.MqttHealthIndicator;
import io.github.mqttboot.actuate.MqttListenersView.ListenerDescription;
import io.github.mqttboot.actuate.RegistryListenersView;
import io.github.mqttboot.annotation.MqttListener;
import io.github.mqttboot.autoconfigure.event.MqttEventAutoConfiguration;
import io.github.mqttboot.autoconfigure.listener.MqttListenerAutoConfiguration;
import io.github.mqttboot.client.DriverPair;
import io.github.mqttboot.client.ManagedMqttClient;
import io.github.mqttboot.client.MqttSubscriptionException;
import io.github.mqttboot.client.Subscription;
import io.github.mqttboot.client.TestClients;
import io.github.mqttboot.core.MqttPayloadConverter;
import io.github.mqttboot.core.MqttTemplate;
import io.github.mqttboot.event.MqttSubscriptionRefusedEvent;
import io.github.mqttboot.listener.MqttListenerEndpointRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A subscription the broker refuses (an embedded HiveMQ with an authorizer that refuses
 * {@code secret/#} with SUBACK reason code 0x87; MQTT 3.1.1's SUBACK says 0x80) is reported for
 * its listener: log, meter, the endpoint's listener view, health and an application event; the
 * client and the other listeners go on.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.github.mqttboot.client.DriverPair#pairs")
@ExtendWith(OutputCaptureExtension.class)
class SubscriptionRefusalTests {

	@TempDir
	static Path directory;

	static EmbeddedHiveMQ broker;

	static int port;

	@Parameter
	DriverPair pair;

	@BeforeAll
	static void startBroker() throws Exception {
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		Path conf = Files.createDirectories(directory.resolve("conf"));
		Files.writeString(conf.resolve("config.xml"), """
				<?xml version="1.0" encoding="UTF-8"?>
				<hivemq>
					<listeners><tcp-listener><port>%d</port><bind-address>127.0.0.1</bind-address></tcp-listener></listeners>
					<persistence><mode>in-memory</mode></persistence>
					<anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>
				</hivemq>
				""".formatted(port));
		broker = EmbeddedHiveMQ.builder()
			.withConfigurationFolder(conf)
			.withDataFolder(Files.createDirectories(directory.resolve("data")))
			.withExtensionsFolder(Files.createDirectories(directory.resolve("extensions")))
			.withEmbeddedExtension(EmbeddedExtension.builder()
				.withId("refuse-secret")
				.withName("refuse-secret")
				.withVersion("1")
				.withExtensionMain(new RefuseSecret())
				.build())
			.withoutLoggingBootstrap()
			.build();
		broker.start().get(30, TimeUnit.SECONDS);
	}

	@AfterAll
	static void stopBroker() throws Exception {
		if (broker != null) {
			broker.stop().get(30, TimeUnit.SECONDS);
			broker.close();
		}
	}

	@Test
	void requestsWhileTheReplySubscriptionIsRefusedPileUpNoSubscriptions() {
		assumeTrue(this.pair.isMqtt5(), "request/response needs MQTT 5");
		ManagedMqttClient client = TestClients.client(this.pair, "requester",
				(settings) -> settings.setClientId("secret-" + System.nanoTime()), "tcp://127.0.0.1:" + port);
		client.start();
		try {
			await().atMost(TestClients.await()).until(client::isConnected);
			MqttTemplate template = new MqttTemplate(client, new MqttPayloadConverter(JsonMapper.builder().build()), 1);
			for (int i = 0; i < 10; i++) {
				CompletableFuture<byte[]> reply = template.request("service/ask", "ping", Duration.ofSeconds(5));
				assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> reply.get(10, TimeUnit.SECONDS))
					.withRootCauseInstanceOf(MqttSubscriptionException.class);
			}
			assertThat(client.getSubscriptions()).extracting(Subscription::filter)
				.filteredOn((filter) -> filter.startsWith("mqttboot/replies/"))
				.hasSizeLessThanOrEqualTo(1);
		}
		finally {
			client.stop();
		}
	}

	@Test
	void refusedSubscriptionIsReportedForItsListenerWhileTheOthersRun(CapturedOutput output) {
		SecurityTestSupport.runner(this.pair)
			.withConfiguration(AutoConfigurations.of(MqttListenerAutoConfiguration.class, MqttEventAutoConfiguration.class))
			.withPropertyValues("mqtt.server-uris=tcp://127.0.0.1:" + port)
			.withUserConfiguration(Listeners.class)
			.run((context) -> {
				// MQTT 3.1.1's SUBACK has one failure return code, 0x80, for every refusal
				int code = this.pair.isMqtt5() ? 0x87 : 0x80;
				String hex = "0x" + Integer.toHexString(code);
				ManagedMqttClient client = context.getBean(ManagedMqttClient.class);
				await().atMost(TestClients.await())
					.until(() -> client.isConnected() && !client.getRefusedSubscriptions().isEmpty());
				assertThat(client.getRefusedSubscriptions()).containsExactly(Map.entry("secret/#", code));
				// the listener hears of the refusal just after the subscription records it
				await().atMost(TestClients.await())
					.untilAsserted(() -> assertThat(output)
						.contains("Listener 'secret': the broker refused its subscription to 'secret/#' "
								+ "with reason code " + hex));
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				assertThat(meters.get("mqtt.subscriptions.refused")
					.tags("client", "mqttClient", "listener", "secret", "reason", hex)
					.counter()
					.count()).isEqualTo(1);
				RegistryListenersView view = new RegistryListenersView(
						context.getBean(MqttListenerEndpointRegistry.class));
				assertThat(view.listeners()).extracting(ListenerDescription::id, ListenerDescription::refused)
					.containsExactly(org.assertj.core.groups.Tuple.tuple("allowed", Map.of()),
							org.assertj.core.groups.Tuple.tuple("secret", Map.of("secret/#", hex)));
				assertThat(new MqttHealthIndicator(client, Duration.ofSeconds(30)).health().getDetails())
					.containsEntry("refusedSubscriptions", Map.of("secret/#", hex));
				// the listener that receives nothing turns the health DOWN, named
				Health health = new MqttHealthIndicator(client, Duration.ofSeconds(30), view::listeners).health();
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat(health.getDetails()).containsEntry("failingListeners", List.of("secret"))
					.containsEntry("listeners", Map.of("allowed", "running", "secret", "refused"));
				// the client and the other listener go on
				client.publish("allowed/1", "hello".getBytes(StandardCharsets.UTF_8), 1, false)
					.get(5, TimeUnit.SECONDS);
				assertThat(context.getBean(Listeners.class).allowed.get(5, TimeUnit.SECONDS)).isEqualTo("hello");
				assertThat(client.isConnected()).isTrue();
				// and published as an application event
				await().atMost(TestClients.await()).until(() -> !context.getBean(Listeners.class).refusals.isEmpty());
				assertThat(context.getBean(Listeners.class).refusals).singleElement().satisfies((event) -> {
					assertThat(event.getFilter()).isEqualTo("secret/#");
					assertThat(event.getReasonCode()).isEqualTo(code);
					assertThat(event.getClientName()).isEqualTo("mqttClient");
				});
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class Listeners {

		final CompletableFuture<String> allowed = new CompletableFuture<>();

		final List<MqttSubscriptionRefusedEvent> refusals = new CopyOnWriteArrayList<>();

		@EventListener
		void refused(MqttSubscriptionRefusedEvent event) {
			this.refusals.add(event);
		}

		@MqttListener(id = "allowed", topics = "allowed/#")
		void allowed(String payload) {
			this.allowed.complete(payload);
		}

		@MqttListener(id = "secret", topics = "secret/#")
		void secret(String payload) {
		}

	}

	/**
	 * Refuses subscriptions under {@code secret/} and the reply subscriptions of clients whose id
	 * starts with {@code secret-}, grants the others.
	 */
	static final class RefuseSecret implements ExtensionMain {

		@Override
		public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
			Services.securityRegistry()
				.setAuthorizerProvider((provider) -> (SubscriptionAuthorizer) (authorizerInput, authorizerOutput) -> {
					String filter = authorizerInput.getSubscription().getTopicFilter();
					if (filter.startsWith("secret/") || filter.startsWith("mqttboot/replies/secret-")) {
						authorizerOutput.failAuthorization(SubackReasonCode.NOT_AUTHORIZED);
					}
					else {
						authorizerOutput.authorizeSuccessfully();
					}
				});
		}

		@Override
		public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {
		}

	}

}
