package io.github.mqttboot.security;

import java.time.Duration;
import java.util.Map;

import io.github.mqttboot.actuate.MqttHealthIndicator;
import io.github.mqttboot.client.ClientState;
import io.github.mqttboot.client.DriverPair;
import io.github.mqttboot.client.ManagedMqttClient;
import io.github.mqttboot.client.MqttNotAuthorizedException;
import io.github.mqttboot.client.TestClients;
import io.github.mqttboot.leak.LeakCheck;
import io.github.mqttboot.testsupport.TestBroker;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * User name and password against a Mosquitto password file.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.github.mqttboot.client.DriverPair#pairs")
@ExtendWith(OutputCaptureExtension.class)
class AuthenticationMosquittoTests {

	private static final String PASSWORD = "Pa55-right-7f3a";

	private static final String WRONG_PASSWORD = "Pa55-wrong-c91e";

	@RegisterExtension
	static final TestBroker broker = TestBroker.create().user("device", PASSWORD);

	@Parameter
	DriverPair pair;

	@Test
	void rightCredentialsConnect(CapturedOutput output) {
		SecurityTestSupport.runner(this.pair)
			.withPropertyValues("mqtt.server-uris=" + broker.uri(), "mqtt.username=device", "mqtt.password=" + PASSWORD)
			.run((context) -> {
				ManagedMqttClient client = context.getBean(ManagedMqttClient.class);
				await().atMost(TestClients.await()).until(client::isConnected);
			});
		assertThat(output).doesNotContain(PASSWORD);
	}

	@Test
	void badCredentialsBackOffSayNotAuthorizedAndAreCounted(CapturedOutput output) {
		LeakCheck leaks = new LeakCheck("bad-credentials-backoff");
		SecurityTestSupport.runner(this.pair)
			.withPropertyValues("mqtt.server-uris=" + broker.uri(), "mqtt.username=device",
					"mqtt.password=" + WRONG_PASSWORD, "mqtt.reconnect.initial-delay=200ms",
					"mqtt.reconnect.max-delay=1s", "mqtt.health.grace-period=0s")
			.run((context) -> {
				try (leaks) {
					ManagedMqttClient client = leaks.watch(context.getBean(ManagedMqttClient.class));
					await().atMost(TestClients.await()).until(() -> leaks.failures.get() >= 1);
					long first = System.nanoTime();
					await().atMost(TestClients.await()).until(() -> leaks.failures.get() >= 6);
					// a hot loop makes 5 attempts in a few ms; the backoff needs at least
					// 100 + 200 + 400 + 500 + 500 ms (each delay at least half its nominal value)
					assertThat(Duration.ofNanos(System.nanoTime() - first)).isGreaterThan(Duration.ofMillis(1000));
					assertThat(client.getState()).isEqualTo(ClientState.CONNECTING);
					assertThat(client.getLastError()).isInstanceOf(MqttNotAuthorizedException.class)
						.hasMessageContaining("Not authorized")
						.hasMessageContaining("mqtt.password");
					assertThat(((MqttNotAuthorizedException) client.getLastError()).getReasonCode()).isIn(0x86, 0x87);
					MeterRegistry meters = context.getBean(MeterRegistry.class);
					assertThat(meters.get("mqtt.client.connects").tags("client", "mqttClient", "outcome", "failure")
						.counter()
						.count()).isGreaterThanOrEqualTo(6);
					Health health = new MqttHealthIndicator(client, Duration.ZERO).health();
					assertThat(health.getStatus()).isEqualTo(Status.DOWN);
					Map<String, Object> details = health.getDetails();
					assertThat(details.get("lastError")).asString().contains("Not authorized");
					assertThat(details.toString()).doesNotContain(WRONG_PASSWORD);
					leaks.assertReleasedAfterStop(leaks.failures.get());
				}
			});
		assertThat(output).contains("WARN").contains("MqttNotAuthorizedException: Not authorized")
			.doesNotContain(WRONG_PASSWORD);
	}

}
