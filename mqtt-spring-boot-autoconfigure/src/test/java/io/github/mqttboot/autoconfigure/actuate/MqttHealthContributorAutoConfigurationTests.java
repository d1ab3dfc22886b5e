package io.github.mqttboot.autoconfigure.actuate;

import java.time.Duration;

import io.github.mqttboot.actuate.MqttHealthIndicator;
import io.github.mqttboot.autoconfigure.MqttAutoConfiguration;
import io.github.mqttboot.client.ManagedMqttClient;
import io.github.mqttboot.client.TestClients;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class MqttHealthContributorAutoConfigurationTests {

	// nothing listens on port 1: a started client stays CONNECTING
	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MqttAutoConfiguration.class,
				MqttHealthContributorAutoConfiguration.class, HealthContributorRegistryAutoConfiguration.class))
		.withPropertyValues("mqtt.server-uris=tcp://127.0.0.1:1");

	@Test
	void registersTheMqttComponent() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(MqttHealthIndicator.class).hasBean("mqttHealthContributor");
			HealthContributor contributor = context.getBean(HealthContributorRegistry.class).getContributor("mqtt");
			assertThat(contributor).isInstanceOf(MqttHealthIndicator.class);
			assertThat(((HealthIndicator) contributor).health().getStatus()).isEqualTo(Status.UP);
		});
	}

	@Test
	void usesTheGracePeriodProperty() {
		this.runner.withPropertyValues("mqtt.health.grace-period=0s")
			.run((context) -> await().atMost(Duration.ofSeconds(5))
				.until(() -> context.getBean(MqttHealthIndicator.class).health().getStatus().equals(Status.DOWN)));
	}

	@Test
	void aNamedClientIsJudgedByItsOwnGracePeriod() {
		this.runner
			.withPropertyValues("mqtt.health.grace-period=10m", "mqtt.clients.cloud.server-uris=tcp://127.0.0.1:1",
					"mqtt.clients.cloud.health.grace-period=0s")
			.run((context) -> {
				CompositeHealthContributor composite = context.getBean("mqttHealthContributor",
						CompositeHealthContributor.class);
				HealthIndicator cloud = (HealthIndicator) composite.getContributor("cloudMqttClient");
				await().atMost(Duration.ofSeconds(5)).until(() -> cloud.health().getStatus().equals(Status.DOWN));
				HealthIndicator defaults = (HealthIndicator) composite.getContributor("mqttClient");
				assertThat(defaults.health().getStatus()).isEqualTo(Status.UP);
			});
	}

	@Test
	void disabledByManagementHealthMqttEnabled() {
		this.runner.withPropertyValues("management.health.mqtt.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(MqttHealthIndicator.class)
				.doesNotHaveBean("mqttHealthContributor"));
	}

	@Test
	void disabledWithTheOtherDefaultHealthIndicators() {
		this.runner.withPropertyValues("management.health.defaults.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("mqttHealthContributor"));
	}

	@Test
	void backsOffWithoutMqttClient() {
		this.runner.withPropertyValues("mqtt.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("mqttHealthContributor"));
	}

	@Test
	void backsOffWithoutSpringBootHealth() {
		this.runner.withClassLoader(new FilteredClassLoader(HealthContributor.class))
			.run((context) -> assertThat(context).hasSingleBean(ManagedMqttClient.class)
				.doesNotHaveBean("mqttHealthContributor"));
	}

	@Test
	void backsOffWhenTheUserDefinesMqttHealthIndicator() {
		this.runner.withUserConfiguration(UserIndicatorConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(MqttHealthIndicator.class).doesNotHaveBean("mqttHealthContributor");
			assertThat(context.getBean(MqttHealthIndicator.class)).isSameAs(context.getBean("mqttHealthIndicator"));
		});
	}

	@Test
	void composesOneIndicatorPerClientWhenThereAreSeveral() {
		this.runner.withUserConfiguration(TwoClientsConfiguration.class).run((context) -> {
			HealthContributor contributor = context.getBean("mqttHealthContributor", HealthContributor.class);
			assertThat(contributor).isInstanceOf(CompositeHealthContributor.class);
			assertThat(((CompositeHealthContributor) contributor).getContributor("orders"))
				.isInstanceOf(MqttHealthIndicator.class);
			assertThat(((CompositeHealthContributor) contributor).getContributor("telemetry"))
				.isInstanceOf(MqttHealthIndicator.class);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserIndicatorConfiguration {

		@Bean
		MqttHealthIndicator mqttHealthIndicator(ManagedMqttClient client) {
			return new MqttHealthIndicator(client, Duration.ofMinutes(5));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TwoClientsConfiguration {

		@Bean
		@Primary
		ManagedMqttClient orders() {
			return TestClients.client("orders", "tcp://127.0.0.1:1");
		}

		@Bean
		ManagedMqttClient telemetry() {
			return TestClients.client("telemetry", "tcp://127.0.0.1:1");
		}

	}

}
