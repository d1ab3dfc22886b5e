package io.github.mqttboot.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class MqttPropertiesValidationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MqttAutoConfiguration.class));

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', value = { "mqtt.server-uris|http://localhost:1883|mqtt.server-uris[0]",
			"mqtt.server-uris|tcp://local host:1883|mqtt.server-uris[0]",
			"mqtt.server-uris|tcp://ok:1883,localhost|mqtt.server-uris[1]",
			"mqtt.server-uris|tcp://user:secret@localhost:1883|mqtt.server-uris[0]", "mqtt.keep-alive|-1s|mqtt.keep-alive",
			"mqtt.connection-timeout|-5s|mqtt.connection-timeout", "mqtt.connection-timeout|0s|mqtt.connection-timeout",
			"mqtt.session-expiry|-1s|mqtt.session-expiry", "mqtt.reconnect.initial-delay|-1s|mqtt.reconnect.initial-delay",
			"mqtt.reconnect.jitter|1.5|mqtt.reconnect.jitter", "mqtt.reconnect.stable-after|0s|mqtt.reconnect.stable-after",
			"mqtt.shutdown.timeout|-1s|mqtt.shutdown.timeout",
			"mqtt.startup.wait-for-connection|-1s|mqtt.startup.wait-for-connection",
			"mqtt.will.qos|3|mqtt.will.qos", "mqtt.publish.default-qos|-1|mqtt.publish.default-qos",
			"mqtt.client-id|' '|mqtt.client-id", "mqtt.protocol-version|4|mqtt.protocol-version",
			"mqtt.driver|vertx|mqtt.driver",
			"mqtt.publish.buffer.capacity|-1|mqtt.publish.buffer.capacity", "mqtt.max-inflight|0|mqtt.max-inflight" })
	void badValueFailsStartupNamingTheProperty(String property, String value, String named) {
		this.runner.withPropertyValues(property + "=" + value).run((context) -> {
			assertThat(context).hasFailed();
			Throwable failure = context.getStartupFailure();
			assertThat(failure).rootCause().isInstanceOf(InvalidMqttPropertyException.class);
			FailureAnalysis analysis = new InvalidMqttPropertyFailureAnalyzer(null).analyze(failure);
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains("'" + named + "'");
			assertThat(analysis.getAction()).contains(named);
		});
	}

	@Test
	void sessionExpiryWithProtocolVersion3FailsStartupNamingIt() {
		this.runner.withPropertyValues("mqtt.protocol-version=3", "mqtt.session-expiry=1h").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidMqttPropertyException.class)
				.hasMessageContaining("'mqtt.session-expiry'")
				.hasMessageContaining("MQTT 5")
				.hasMessageContaining("mqtt.clean-start=false");
		});
	}

	@Test
	void persistentSessionWithoutClientIdFailsStartupNamingBothProperties() {
		this.runner.withPropertyValues("mqtt.clean-start=false").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidMqttPropertyException.class)
				.hasMessageContaining("'mqtt.clean-start'")
				.hasMessageContaining("mqtt.client-id")
				.hasMessageContaining("${spring.application.name}-${HOSTNAME}");
		});
	}

	@Test
	void sessionExpiryWithoutClientIdFailsStartupNamingBothProperties() {
		this.runner.withPropertyValues("mqtt.session-expiry=1h").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidMqttPropertyException.class)
				.hasMessageContaining("'mqtt.session-expiry'")
				.hasMessageContaining("mqtt.client-id");
		});
	}

	@Test
	void persistentSessionWithClientIdStarts() {
		this.runner.withPropertyValues("mqtt.clean-start=false", "mqtt.session-expiry=1h", "mqtt.client-id=thermostat-1")
			.run((context) -> assertThat(context).hasNotFailed());
	}

}
