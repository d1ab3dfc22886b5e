package io.github.mqttboot.autoconfigure.embedded;

import java.util.List;

import io.github.mqttboot.autoconfigure.InvalidMqttPropertyException;
import io.github.mqttboot.autoconfigure.MqttAutoConfiguration;
import io.github.mqttboot.autoconfigure.MqttConnectionDetails;
import io.github.mqttboot.autoconfigure.MqttProperties;
import io.github.mqttboot.embedded.EmbeddedMqttBroker;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * Auto-configuration of an embedded broker for development: HiveMQ CE in-process on
 * {@code mqtt.embedded.port}, bound to 127.0.0.1, started before the client (the client's
 * connection details depend on it) and stopped after it.
 *
 * @author mqtt-spring-boot-starter
 */
@AutoConfiguration(before = MqttAutoConfiguration.class)
@ConditionalOnClass(name = "com.hivemq.embedded.EmbeddedHiveMQ")
@ConditionalOnBooleanProperty(name = "mqtt.enabled", matchIfMissing = true)
@Conditional(OnEmbeddedBrokerCondition.class)
@EnableConfigurationProperties(MqttProperties.class)
public final class MqttEmbeddedBrokerAutoConfiguration {

	// a service connection (Testcontainers, Docker Compose) or the user's own details point elsewhere
	@Bean(initMethod = "start", destroyMethod = "stop")
	@ConditionalOnMissingBean({ EmbeddedMqttBroker.class, MqttConnectionDetails.class })
	EmbeddedMqttBroker embeddedMqttBroker(MqttProperties properties) {
		int port = properties.getEmbedded().getPort();
		// checked here, where the port is used: this bean is created before the client's settings
		if (port < 0 || port > 65535) {
			throw new InvalidMqttPropertyException("mqtt.embedded.port", port, "must be between 0 and 65535");
		}
		return new EmbeddedMqttBroker(port);
	}

	@Bean
	@ConditionalOnMissingBean(MqttConnectionDetails.class)
	@Conditional(OnEmbeddedBrokerCondition.NoServerUris.class)
	MqttConnectionDetails embeddedMqttConnectionDetails(EmbeddedMqttBroker broker, MqttProperties properties) {
		return new EmbeddedBrokerConnectionDetails(broker, properties);
	}

	/**
	 * Points the client at the embedded broker, with the credentials of the properties.
	 */
	static final class EmbeddedBrokerConnectionDetails implements MqttConnectionDetails {

		private final EmbeddedMqttBroker broker;

		private final MqttProperties properties;

		EmbeddedBrokerConnectionDetails(EmbeddedMqttBroker broker, MqttProperties properties) {
			this.broker = broker;
			this.properties = properties;
		}

		@Override
		public List<String> getServerUris() {
			return List.of(this.broker.getServerUri());
		}

		@Override
		public String getUsername() {
			return this.properties.getUsername();
		}

		@Override
		public String getPassword() {
			return this.properties.getPassword();
		}

	}

}
