package io.github.mqttboot.autoconfigure.actuate;

import io.github.mqttboot.actuate.MqttHealthIndicator;
import io.github.mqttboot.actuate.MqttListenersView;
import io.github.mqttboot.autoconfigure.MqttAutoConfiguration;
import io.github.mqttboot.client.ManagedMqttClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.CompositeHealthContributorConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code mqtt} health contributor: one {@link MqttHealthIndicator}
 * per {@link ManagedMqttClient}, a composite keyed by bean name when there are several.
 *
 * @author mqtt-spring-boot-starter
 */
@AutoConfiguration(after = MqttAutoConfiguration.class)
@ConditionalOnClass({ HealthContributor.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(ManagedMqttClient.class)
@ConditionalOnEnabledHealthIndicator("mqtt")
public final class MqttHealthContributorAutoConfiguration
		extends CompositeHealthContributorConfiguration<MqttHealthIndicator, ManagedMqttClient> {

	MqttHealthContributorAutoConfiguration(ObjectProvider<MqttListenersView> listeners) {
		// each client's own grace period: a named client may set one of its own
		super((client) -> new MqttHealthIndicator(client, client.getSettings().getGracePeriod(),
				() -> listeners.stream()
					.flatMap((view) -> view.listeners().stream())
					.filter((listener) -> listener.client() == null || listener.client().equals(client.getName()))
					.toList()));
	}

	// the bean name makes the component name: "mqtt"
	@Bean
	@ConditionalOnMissingBean(name = { "mqttHealthIndicator", "mqttHealthContributor" })
	HealthContributor mqttHealthContributor(ConfigurableListableBeanFactory beanFactory) {
		return createContributor(beanFactory, ManagedMqttClient.class);
	}

}
