package io.github.mqttboot.security;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.github.mqttboot.actuate.MqttEndpoint;
import io.github.mqttboot.client.ManagedMqttClient;
import io.github.mqttboot.client.MqttConnectionException;
import io.github.mqttboot.client.MqttTlsException;
import io.github.mqttboot.client.TestClients;
import io.github.mqttboot.testsupport.MosquittoBroker;
import io.github.mqttboot.testsupport.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * The harness: a user application (full auto-configuration, actuator) against a TLS
 * Mosquitto that also checks a password, first with a bundle that trusts the wrong CA, then with
 * the right one. The TLS failure is logged typed, and the password appears nowhere: not in the
 * output, not in health, not in the {@code mqtt}, {@code env} or {@code configprops} endpoints
 * (values shown).
 */
@ExtendWith(OutputCaptureExtension.class)
class TlsPasswordHarnessTests {

	private static final String PASSWORD = "Harness-S3cret-9b1e";

	@TempDir
	static Path directory;

	static TestCertificates certificates;

	static MosquittoBroker broker;

	@BeforeAll
	static void startBroker() {
		MosquittoBroker.assumeAvailable("its TLS listener and password file");
		certificates = TestCertificates.create(directory);
		broker = MosquittoBroker.create()
			.user("device", PASSWORD)
			.tls(certificates.ca(), certificates.server(), certificates.key(certificates.server()), false)
			.start();
	}

	@AfterAll
	static void stopBroker() {
		if (broker != null) {
			broker.close();
		}
	}

	@Test
	void wrongCaIsReportedTypedThenTheRightCaConnectsAndThePasswordNeverShows(CapturedOutput output) {
		List<String> shown = new ArrayList<>();
		try (ConfigurableApplicationContext app = run(certificates.unknownCa())) {
			ManagedMqttClient client = app.getBean(ManagedMqttClient.class);
			await().atMost(TestClients.await()).until(() -> client.getReconnectAttempts() >= 3);
			assertThat(client.getLastError()).isInstanceOf(MqttTlsException.class);
			assertThat(output).contains("MqttTlsException: TLS connection to " + broker.tlsUri("localhost")
					+ " failed, the broker's certificate is not trusted");
			shown.addAll(endpoints(app));
			assertThat(shown.get(0)).contains("\"status\":\"DOWN\"").contains("not trusted");
		}
		try (ConfigurableApplicationContext app = run(certificates.ca())) {
			ManagedMqttClient client = app.getBean(ManagedMqttClient.class);
			await().atMost(TestClients.await()).until(client::isConnected);
			List<String> connected = endpoints(app);
			assertThat(connected.get(0)).contains("\"status\":\"UP\"").contains("\"state\":\"CONNECTED\"");
			shown.addAll(connected);
		}
		assertThat(shown).hasSize(8).allSatisfy((json) -> assertThat(json).doesNotContain(PASSWORD));
		// the env endpoint shows the property, masked
		assertThat(shown.get(2)).contains("mqtt.password").contains("******");
		assertThat(output.getAll()).contains("Connected to " + broker.tlsUri("localhost")).doesNotContain(PASSWORD);
	}

	@Test
	void startupThatWaitsForTheBrokerFailsSayingWhatToCheckWithoutThePassword(CapturedOutput output) {
		Throwable failure = catchThrowable(
				() -> run(certificates.unknownCa(), "--mqtt.startup.wait-for-connection=2s").close());
		assertThat(failure).rootCause().isInstanceOf(java.security.cert.CertPathBuilderException.class);
		assertThat(failure).hasStackTraceContaining(MqttConnectionException.class.getName())
			.hasStackTraceContaining(MqttTlsException.class.getName());
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("the broker's certificate is not trusted")
			.contains("Check the SSL bundle named by 'mqtt.ssl.bundle'");
		assertThat(output.getAll()).doesNotContain(PASSWORD);
	}

	private static ConfigurableApplicationContext run(Path trustedCa, String... more) {
		List<String> properties = new ArrayList<>(List.of("--mqtt.server-uris=" + broker.tlsUri("localhost"),
				"--mqtt.username=device", "--mqtt.password=" + PASSWORD, "--mqtt.ssl.bundle=broker",
				"--mqtt.reconnect.initial-delay=100ms", "--mqtt.reconnect.max-delay=500ms",
				"--mqtt.connection-timeout=3s", "--spring.ssl.bundle.pem.broker.truststore.certificate=file:" + trustedCa,
				"--management.endpoints.web.exposure.include=*", "--management.endpoint.health.show-details=always",
				"--management.endpoint.env.show-values=always", "--management.endpoint.configprops.show-values=always",
				"--mqtt.health.grace-period=0s", "--logging.level.io.github.mqttboot=DEBUG"));
		properties.addAll(List.of(more));
		return new SpringApplicationBuilder(HarnessApp.class).web(WebApplicationType.NONE)
			.run(properties.toArray(String[]::new));
	}

	/** Health, mqtt, env and configprops as JSON, as the actuator would serve them. */
	private static List<String> endpoints(ConfigurableApplicationContext app) {
		JsonMapper json = app.getBean(JsonMapper.class);
		return List.of(json.writeValueAsString(app.getBean(HealthEndpoint.class).health()),
				json.writeValueAsString(app.getBean(MqttEndpoint.class).mqtt()),
				json.writeValueAsString(app.getBean(EnvironmentEndpoint.class).environment(null)),
				json.writeValueAsString(app.getBean(ConfigurationPropertiesReportEndpoint.class).configurationProperties()));
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class HarnessApp {

	}

}
