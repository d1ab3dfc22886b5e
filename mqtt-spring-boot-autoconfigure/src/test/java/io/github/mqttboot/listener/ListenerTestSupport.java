package io.github.mqttboot.listener;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.github.mqttboot.autoconfigure.MqttAutoConfiguration;
import io.github.mqttboot.autoconfigure.listener.MqttListenerAutoConfiguration;
import io.github.mqttboot.autoconfigure.metrics.MqttMetricsAutoConfiguration;
import io.github.mqttboot.client.DriverPair;
import io.github.mqttboot.client.ManagedMqttClient;
import io.github.mqttboot.client.TestClients;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.ApplicationContext;

/**
 * Contexts with the listener auto-configuration against a test broker.
 */
final class ListenerTestSupport {

	private ListenerTestSupport() {
	}

	static ApplicationContextRunner runner(String brokerUri) {
		return runner(DriverPair.PAHO_V5, brokerUri);
	}

	static ApplicationContextRunner runner(DriverPair pair, String brokerUri) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, ValidationAutoConfiguration.class,
					MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
					SimpleMetricsExportAutoConfiguration.class, MqttAutoConfiguration.class,
					MqttListenerAutoConfiguration.class, MqttMetricsAutoConfiguration.class))
			.withPropertyValues("mqtt.server-uris=" + brokerUri, "mqtt.reconnect.initial-delay=100ms",
					"mqtt.reconnect.max-delay=500ms", "mqtt.connection-timeout=2s", "mqtt.shutdown.timeout=3s")
			.withPropertyValues(pair.properties());
	}

	/** Waits until connected and every running listener is subscribed. */
	static ManagedMqttClient connected(ApplicationContext context) {
		return TestClients.awaitSubscribed(context.getBean(ManagedMqttClient.class));
	}

	/** The retries of a listener so far ({@code mqtt.listener.retries}). */
	static double retries(ApplicationContext context, String listener) {
		return context.getBean(MeterRegistry.class).get("mqtt.listener.retries").tag("listener", listener).counter().count();
	}

	static void publish(ManagedMqttClient client, String topic, String payload) throws Exception {
		client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false).get(10, TimeUnit.SECONDS);
	}

	/** Collects what a listener saw. */
	static final class Received {

		final List<Object> values = new CopyOnWriteArrayList<>();

		final CompletableFuture<Object> first = new CompletableFuture<>();

		void add(Object value) {
			this.values.add(value);
			this.first.complete(value);
		}

	}

}
