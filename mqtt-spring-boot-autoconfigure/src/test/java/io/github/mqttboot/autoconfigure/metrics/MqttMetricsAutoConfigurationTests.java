package io.github.mqttboot.autoconfigure.metrics;

import io.github.mqttboot.autoconfigure.MqttAutoConfiguration;
import io.github.mqttboot.metrics.MqttClientMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class MqttMetricsAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
				MqttAutoConfiguration.class, MqttMetricsAutoConfiguration.class))
		.withPropertyValues("mqtt.server-uris=tcp://127.0.0.1:1");

	@Test
	void registersTheContractMetersTaggedWithTheClientBeanName() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(MqttClientMetrics.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			for (String name : new String[] { "mqtt.client.threads", "mqtt.client.workers.pending",
					"mqtt.client.connected", "mqtt.client.inflight", "mqtt.client.buffered" }) {
				assertThat(registry.get(name).tag("client", "mqttClient").gauge()).as(name).isNotNull();
			}
			assertThat(registry.get("mqtt.client.connects").tag("outcome", "failure").counter()).isNotNull();
			assertThat(registry.get("mqtt.client.connection.lost").counter()).isNotNull();
			assertThat(registry.get("mqtt.client.conflicts").tag("client", "mqttClient").counter().count()).isZero();
			assertThat(registry.get("mqtt.client.messages.dropped").tag("client", "mqttClient").counter().count())
				.isZero();
			assertThat(registry.get("mqtt.messages.published").tags("qos", "2", "outcome", "failure").counter())
				.isNotNull();
			assertThat(registry.get("mqtt.publish").tag("qos", "0").timer()).isNotNull();
		});
	}

	@Test
	void backsOffWithoutMqttClient() {
		this.runner.withPropertyValues("mqtt.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(MqttClientMetrics.class));
	}

}
