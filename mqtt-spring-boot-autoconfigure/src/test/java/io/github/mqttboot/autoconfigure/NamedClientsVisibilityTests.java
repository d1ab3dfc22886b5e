package io.github.mqttboot.autoconfigure;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.github.mqttboot.actuate.MqttEndpoint;
import io.github.mqttboot.actuate.MqttEndpoint.MqttDescriptor;
import io.github.mqttboot.actuate.MqttListenersView.ListenerDescription;
import io.github.mqttboot.annotation.MqttListener;
import io.github.mqttboot.autoconfigure.actuate.MqttEndpointAutoConfiguration;
import io.github.mqttboot.autoconfigure.actuate.MqttHealthContributorAutoConfiguration;
import io.github.mqttboot.autoconfigure.actuate.MqttListenersViewAutoConfiguration;
import io.github.mqttboot.autoconfigure.embedded.MqttEmbeddedBrokerAutoConfiguration;
import io.github.mqttboot.autoconfigure.event.MqttEventAutoConfiguration;
import io.github.mqttboot.autoconfigure.integration.MqttIntegrationAutoConfiguration;
import io.github.mqttboot.autoconfigure.listener.MqttListenerAutoConfiguration;
import io.github.mqttboot.autoconfigure.metrics.MqttMetricsAutoConfiguration;
import io.github.mqttboot.client.ManagedMqttClient;
import io.github.mqttboot.client.TestClients;
import io.github.mqttboot.core.MqttTemplate;
import io.github.mqttboot.embedded.EmbeddedMqttBroker;
import io.github.mqttboot.event.MqttConnectedEvent;
import io.github.mqttboot.integration.SupervisedClientManager;
import io.github.mqttboot.testsupport.MosquittoBroker;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.mqtt.core.ClientManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every part of the starter sees every client: meters tagged {@code client=<name>}, one health
 * entry per client, the {@code mqtt} endpoint, events, Spring Integration client managers; the
 * embedded broker serves the default client only.
 */
class NamedClientsVisibilityTests {

	@RegisterExtension
	static final MosquittoBroker broker = MosquittoBroker.create();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, MetricsAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
				MqttAutoConfiguration.class, MqttListenerAutoConfiguration.class, MqttMetricsAutoConfiguration.class,
				MqttEventAutoConfiguration.class, MqttIntegrationAutoConfiguration.class,
				MqttListenersViewAutoConfiguration.class, MqttEndpointAutoConfiguration.class,
				MqttHealthContributorAutoConfiguration.class, HealthContributorRegistryAutoConfiguration.class))
		.withPropertyValues("mqtt.server-uris=" + broker.uri(), "mqtt.clients.cloud.server-uris=" + broker.uri(),
				"management.endpoints.web.exposure.include=mqtt")
		.withUserConfiguration(Listeners.class);

	@Test
	void metersAreTaggedWithTheClientsName() {
		this.runner.run((context) -> {
			connected(context);
			context.getBean("cloudMqttTemplate", MqttTemplate.class).publish("c/1", "x").get(10, TimeUnit.SECONDS);
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			await().atMost(TestClients.await())
				.until(() -> meters.find("mqtt.messages.received").tag("client", "cloud").tag("listener", "onCloud")
					.counters()
					.stream()
					.mapToDouble((counter) -> counter.count())
					.sum() == 1);
			assertThat(meters.get("mqtt.client.connected").tag("client", "cloud").gauge().value()).isEqualTo(1);
			assertThat(meters.get("mqtt.client.connected").tag("client", "mqttClient").gauge().value()).isEqualTo(1);
			assertThat(meters.find("mqtt.messages.received").tag("client", "mqttClient").tag("listener", "onCloud")
				.counters()).isEmpty();
			assertThat(meters.find("mqtt.client.threads").tag("client", "cloud").gauge().value()).isPositive();
		});
	}

	@Test
	void healthHasOneEntryPerClientWithItsOwnListeners() {
		this.runner.run((context) -> {
			connected(context);
			Object mqtt = context.getBean(HealthContributorRegistry.class).getContributor("mqtt");
			assertThat(mqtt).isInstanceOf(CompositeHealthContributor.class);
			CompositeHealthContributor composite = (CompositeHealthContributor) mqtt;
			Health cloud = ((HealthIndicator) composite.getContributor("cloudMqttClient")).health();
			Health defaults = ((HealthIndicator) composite.getContributor("mqttClient")).health();
			assertThat(cloud.getDetails().get("listeners")).isEqualTo(Map.of("onCloud", "running"));
			assertThat(defaults.getDetails().get("listeners")).isEqualTo(Map.of("onDefault", "running"));
		});
	}

	@Test
	void endpointListsEveryClientAndPausesAListenerOfANamedClient() {
		this.runner.run((context) -> {
			connected(context);
			MqttEndpoint endpoint = context.getBean(MqttEndpoint.class);
			MqttDescriptor descriptor = endpoint.mqtt();
			assertThat(descriptor.name()).isEqualTo("mqttClient");
			assertThat(descriptor.clients()).containsOnlyKeys("mqttClient", "cloud");
			assertThat(descriptor.clients().get("cloud")).containsEntry("state", "CONNECTED");
			assertThat(descriptor.listeners()).extracting(ListenerDescription::id, ListenerDescription::client)
				.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("onCloud", "cloud"),
						org.assertj.core.groups.Tuple.tuple("onDefault", "mqttClient"));
			assertThat(endpoint.changeListener("onCloud", "pause").paused()).isTrue();
			assertThat(endpoint.listener("onCloud").state()).isEqualTo("paused");
		});
	}

	@Test
	void eventsAndClientManagersPerClient() {
		this.runner.withUserConfiguration(ConnectedEvents.class).run((context) -> {
			connected(context);
			assertThat(context).getBeans(ClientManager.class)
				.containsOnlyKeys("mqttClientManager", "cloudMqttClientManager");
			assertThat(context.getBean(ClientManager.class)).isSameAs(context.getBean("mqttClientManager"));
			SupervisedClientManager cloudManager = context.getBean("cloudMqttClientManager",
					SupervisedClientManager.class);
			await().atMost(TestClients.await()).until(cloudManager::isConnected);
			List<String> clients = context.getBean(ConnectedEvents.class).clients;
			await().atMost(TestClients.await()).until(() -> clients.containsAll(List.of("mqttClient", "cloud")));
		});
	}

	@Test
	void embeddedBrokerServesTheDefaultClientOnly() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(MqttEmbeddedBrokerAutoConfiguration.class, MqttAutoConfiguration.class))
			.withPropertyValues("mqtt.embedded.port=0", "mqtt.clients.cloud.server-uris=" + broker.uri())
			.run((context) -> {
				EmbeddedMqttBroker embedded = context.getBean(EmbeddedMqttBroker.class);
				assertThat(context.getBean("mqttClient", ManagedMqttClient.class).getSettings().getServerUris())
					.singleElement()
					.hasToString(embedded.getServerUri());
				assertThat(context.getBean("cloudMqttClient", ManagedMqttClient.class).getSettings().getServerUris())
					.singleElement()
					.hasToString(broker.uri());
			});
	}

	private static void connected(org.springframework.context.ApplicationContext context) {
		for (ManagedMqttClient client : context.getBeansOfType(ManagedMqttClient.class).values()) {
			await().atMost(TestClients.await())
				.until(() -> client.isConnected() && client.getSubscriptions()
					.stream()
					.allMatch((subscription) -> subscription.reasonCode() >= 0));
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class Listeners {

		@MqttListener(id = "onDefault", topics = "d/+")
		void onDefault(String value) {
		}

		@MqttListener(id = "onCloud", topics = "c/+", client = "cloud")
		void onCloud(String value) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ConnectedEvents {

		final List<String> clients = new CopyOnWriteArrayList<>();

		@Bean
		ApplicationListener<MqttConnectedEvent> connectedEvents() {
			return (event) -> this.clients.add(event.getClientName());
		}

	}

}
