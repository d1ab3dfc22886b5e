package io.github.mqttboot.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.github.mqttboot.client.ManagedMqttClient;
import io.github.mqttboot.client.MqttCredentials;
import io.github.mqttboot.client.MqttConnectionException;
import io.github.mqttboot.client.MqttCredentialsProvider;
import io.github.mqttboot.client.MqttNotAuthorizedException;
import io.github.mqttboot.client.TestClients;
import io.github.mqttboot.core.MqttTemplate;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.env.Environment;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class NamedMqttClientsAutoConfigurationTests {

	// nothing listens on port 1: these tests are about beans, not connections
	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MqttAutoConfiguration.class))
		.withPropertyValues("mqtt.server-uris=tcp://127.0.0.1:1");

	@Test
	void withoutNamedClientsOnlyTheDefaultClient() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(ManagedMqttClient.class)
			.hasSingleBean(MqttTemplate.class)
			.hasBean("mqttClient")
			.hasBean("mqttTemplate"));
	}

	@Test
	void registersClientAndTemplatePerName() {
		this.runner.withPropertyValues("mqtt.clients.cloud.server-uris=tcp://127.0.0.1:2").run((context) -> {
			assertThat(context).getBeans(ManagedMqttClient.class).containsOnlyKeys("mqttClient", "cloudMqttClient");
			assertThat(context).getBeans(MqttTemplate.class).containsOnlyKeys("mqttTemplate", "cloudMqttTemplate");
			ManagedMqttClient cloud = context.getBean("cloudMqttClient", ManagedMqttClient.class);
			assertThat(cloud.getName()).isEqualTo("cloud");
			assertThat(cloud.getSettings().getServerUris()).containsExactly(URI.create("tcp://127.0.0.1:2"));
			// the default ones stay the ones injected by type
			assertThat(context.getBean(ManagedMqttClient.class).getName()).isEqualTo("mqttClient");
			assertThat(context.getBean(MqttTemplate.class)).isSameAs(context.getBean("mqttTemplate"));
		});
	}

	@Test
	void namedClientInheritsEveryKeyItDoesNotSet() {
		this.runner
			.withPropertyValues("mqtt.keep-alive=7s", "mqtt.username=shared", "mqtt.reconnect.initial-delay=200ms",
					"mqtt.reconnect.max-delay=3s", "mqtt.publish.buffer.capacity=9",
					"mqtt.clients.cloud.server-uris=tcp://127.0.0.1:2", "mqtt.clients.cloud.client-id=cloud-1",
					"mqtt.clients.cloud.reconnect.max-delay=5s")
			.run((context) -> {
				var cloud = context.getBean("cloudMqttClient", ManagedMqttClient.class).getSettings();
				assertThat(cloud.getClientId()).isEqualTo("cloud-1");
				assertThat(cloud.getKeepAlive()).isEqualTo(Duration.ofSeconds(7));
				assertThat(cloud.getUsername()).isEqualTo("shared");
				assertThat(cloud.getReconnectInitialDelay()).isEqualTo(Duration.ofMillis(200));
				assertThat(cloud.getReconnectMaxDelay()).isEqualTo(Duration.ofSeconds(5));
				assertThat(cloud.getBufferCapacity()).isEqualTo(9);
				var defaults = context.getBean("mqttClient", ManagedMqttClient.class).getSettings();
				assertThat(defaults.getReconnectMaxDelay()).isEqualTo(Duration.ofSeconds(3));
				assertThat(defaults.getClientId()).isNotEqualTo("cloud-1");
			});
	}

	@Test
	void namedClientThreadsCarryItsName() {
		this.runner.withPropertyValues("mqtt.clients.edge2.server-uris=tcp://127.0.0.1:2").run((context) -> {
			ManagedMqttClient edge = context.getBean("edge2MqttClient", ManagedMqttClient.class);
			// Paho names the thread of a connect attempt after the client id while the attempt runs
			await().atMost(TestClients.await())
				.untilAsserted(() -> assertThat(edge.getOwnedThreads()).isNotEmpty()
					.allSatisfy((thread) -> assertThat(thread.getName()).startsWith("mqtt-edge2-")));
		});
	}

	@Test
	void aFixedClientIdInheritedOnTheSameBrokerFailsNamingTheKey() {
		this.runner.withPropertyValues("mqtt.client-id=orders-1", "mqtt.clients.slow.listener.queue-capacity=5")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidMqttPropertyException.class)
				.hasMessageContaining("'mqtt.client-id'")
				.hasMessageContaining("inherited by mqtt.clients.slow")
				.hasMessageContaining("also the client id of client 'mqttClient'"));
	}

	@Test
	void oneFixedClientIdSetTwiceOnTheSameBrokerFailsNamingTheSecondKey() {
		this.runner
			.withPropertyValues("mqtt.clients.a.client-id=edge-1", "mqtt.clients.b.client-id=edge-1")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidMqttPropertyException.class)
				.hasMessageContaining("'mqtt.clients.b.client-id'")
				.hasMessageContaining("client 'a'"));
	}

	@Test
	void oneFixedClientIdOnTwoBrokersIsFine() {
		this.runner.withPropertyValues("mqtt.client-id=gateway-7", "mqtt.clients.cloud.server-uris=tcp://127.0.0.1:2")
			.run((context) -> assertThat(context).hasNotFailed()
				.getBean("cloudMqttClient", ManagedMqttClient.class)
				.extracting(ManagedMqttClient::getClientId)
				.isEqualTo("gateway-7"));
	}

	@Test
	void invalidNameFailsNamingTheKey() {
		this.runner.withPropertyValues("mqtt.clients.edge-gw.server-uris=tcp://127.0.0.1:2")
			.run((context) -> assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.isInstanceOf(InvalidMqttPropertyException.class)
				.hasMessageContaining("'mqtt.clients.edge-gw'"));
	}

	@Test
	void invalidValueOfNamedClientFailsNamingItsKey() {
		this.runner.withPropertyValues("mqtt.clients.cloud.server-uris=tcp://127.0.0.1:2",
				"mqtt.clients.cloud.keep-alive=-1s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidMqttPropertyException.class)
				.hasMessageContaining("'mqtt.clients.cloud.keep-alive'"));
	}

	@Test
	void invalidServerUriOfNamedClientFailsNamingItsKey() {
		this.runner.withPropertyValues("mqtt.clients.cloud.server-uris=http://127.0.0.1:2")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidMqttPropertyException.class)
				.hasMessageContaining("'mqtt.clients.cloud.server-uris[0]'"));
	}

	@Test
	void namedClientThatWaitsForTheBrokerInVainFailsStartupNamingItsOwnKeys() {
		AtomicReference<Environment> environment = new AtomicReference<>();
		this.runner.withInitializer((context) -> environment.set(context.getEnvironment()))
			.withPropertyValues("mqtt.clients.cloud.server-uris=tcp://127.0.0.1:2",
					"mqtt.clients.cloud.startup.wait-for-connection=300ms")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new MqttConnectionFailureAnalyzer(environment.get())
					.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("MQTT client 'cloud'")
					.contains("tcp://127.0.0.1:2")
					.contains("('mqtt.clients.cloud.startup.wait-for-connection')");
				assertThat(analysis.getAction()).contains("'mqtt.clients.cloud.server-uris' is running")
					.contains("set 'mqtt.clients.cloud.startup.wait-for-connection' to 0")
					.doesNotContain("'mqtt.server-uris'");
			});
	}

	@Test
	void namedClientsStartupFailureNamesAnInheritedKeyAsInherited() {
		MockEnvironment environment = new MockEnvironment()
			.withProperty("mqtt.clients.cloud.server-uris", "tcp://127.0.0.1:2")
			.withProperty("mqtt.clients.cloud.password", "secret")
			.withProperty("mqtt.username", "device");
		MqttConnectionException failure = new MqttConnectionException("cloud", "failed",
				new MqttNotAuthorizedException("not authorized", 0x87, null));
		FailureAnalysis analysis = new MqttConnectionFailureAnalyzer(environment).analyze(failure);
		assertThat(analysis.getAction())
			.contains("Check 'mqtt.username' (inherited by mqtt.clients.cloud) and 'mqtt.clients.cloud.password' ");
	}

	@Test
	void unknownKeyOfNamedClientFailsWithTheClosestKeyOfThatClient() {
		this.runner
			.withPropertyValues("mqtt.fail-on-unknown-properties=true",
					"mqtt.clients.cloud.server-uris=tcp://127.0.0.1:2", "mqtt.clients.cloud.keep-alvie=5s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("mqtt.clients.cloud.keep-alvie")
				.hasMessageContaining("did you mean 'mqtt.clients.cloud.keep-alive'"));
	}

	@Test
	void keysOfNamedClientAreKnown() {
		this.runner
			.withPropertyValues("mqtt.fail-on-unknown-properties=true",
					"mqtt.clients.cloud.server-uris=tcp://127.0.0.1:2", "mqtt.clients.cloud.listener.retry.max-attempts=2",
					"mqtt.clients.cloud.will.topic=status/cloud")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void namedClientKeepsItsOwnCredentialsBesideTheDefaultProvider() {
		this.runner
			.withPropertyValues("mqtt.username=edge-user", "mqtt.clients.cloud.server-uris=tcp://127.0.0.1:2",
					"mqtt.clients.cloud.username=cloud-user", "mqtt.clients.cloud.password=cloud-secret")
			.run((context) -> {
				ManagedMqttClient cloud = context.getBean("cloudMqttClient", ManagedMqttClient.class);
				MqttCredentials credentials = cloud.getSettings()
					.getCredentialsProvider()
					.getCredentials("cloud", URI.create("tcp://127.0.0.1:2"));
				assertThat(credentials.username()).isEqualTo("cloud-user");
			});
	}

	@Test
	void credentialsProviderOfTheApplicationServesEveryClient() {
		MqttCredentialsProvider provider = (clientName, serverUri) -> new MqttCredentials(clientName + "-token",
				null);
		this.runner.withPropertyValues("mqtt.clients.cloud.server-uris=tcp://127.0.0.1:2")
			.withBean(MqttCredentialsProvider.class, () -> provider)
			.run((context) -> {
				ManagedMqttClient cloud = context.getBean("cloudMqttClient", ManagedMqttClient.class);
				assertThat(cloud.getSettings().getCredentialsProvider()).isSameAs(provider);
				assertThat(context.getBean("mqttClient", ManagedMqttClient.class).getSettings().getCredentialsProvider())
					.isSameAs(provider);
			});
	}

	@Test
	void customizerIsToldWhichClient() {
		this.runner.withUserConfiguration(RecordingCustomizer.class)
			.withPropertyValues("mqtt.clients.cloud.server-uris=tcp://127.0.0.1:2",
					"mqtt.reconnect.initial-delay=50ms", "mqtt.connection-timeout=200ms")
			.run((context) -> {
				List<String> clients = context.getBean(RecordingCustomizer.class).clients;
				org.awaitility.Awaitility.await()
					.atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertThat(new ArrayList<>(clients)).contains("mqttClient", "cloud"));
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class RecordingCustomizer {

		final List<String> clients = new java.util.concurrent.CopyOnWriteArrayList<>();

		@Bean
		PahoV5ConnectionOptionsCustomizer recordingCustomizer() {
			return new PahoV5ConnectionOptionsCustomizer() {

				@Override
				public void customize(MqttConnectionOptions options) {
				}

				@Override
				public void customize(String clientName, MqttConnectionOptions options) {
					RecordingCustomizer.this.clients.add(clientName);
				}

			};
		}

	}

}
