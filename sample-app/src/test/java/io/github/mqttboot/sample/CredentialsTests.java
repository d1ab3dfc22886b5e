package io.github.mqttboot.sample;

import java.time.Duration;

import io.github.mqttboot.client.ManagedMqttClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The broker password never leaves the application: not in health details, the {@code mqtt}
 * endpoint, {@code env}, {@code configprops}, nor in the log at TRACE. Subclasses run it with
 * Boot's default masking and with every value shown.
 */
@ExtendWith(OutputCaptureExtension.class)
@DirtiesContext
abstract class CredentialsTests {

	static final String PASSWORD = "s3cr3t-pass";

	@LocalServerPort
	private int port;

	@Autowired
	private ManagedMqttClient client;

	private ActuatorClient actuator;

	@BeforeEach
	void connected() {
		this.actuator = new ActuatorClient(this.port);
		await().atMost(Duration.ofSeconds(30)).until(this.client::isConnected);
	}

	ActuatorClient actuator() {
		return this.actuator;
	}

	@Test
	void notInHealthDetails() {
		String health = this.actuator.get("/actuator/health");
		assertThat(health).contains("\"mqtt\"").contains("\"clientId\"").doesNotContain(PASSWORD);
	}

	@Test
	void notInTheMqttEndpoint() {
		String mqtt = this.actuator.get("/actuator/mqtt");
		assertThat(mqtt).contains("\"CONNECTED\"").doesNotContain(PASSWORD);
	}

	@Test
	void notInEnv() {
		assertThat(this.actuator.get("/actuator/env")).contains("mqtt.password").doesNotContain(PASSWORD);
		assertThat(this.actuator.get("/actuator/env/mqtt.password")).doesNotContain(PASSWORD);
	}

	@Test
	void notInConfigprops() {
		assertThat(this.actuator.get("/actuator/configprops")).contains("\"password\"").doesNotContain(PASSWORD);
		assertThat(this.actuator.get("/actuator/configprops/mqtt")).doesNotContain(PASSWORD);
	}

	@Test
	void notInTheLog(CapturedOutput output) {
		// a reconnect inside this test's capture: connect, disconnect and state logging at TRACE
		this.client.stop();
		this.client.start();
		await().atMost(Duration.ofSeconds(30)).until(this.client::isConnected);
		this.actuator.get("/actuator/health");
		this.actuator.get("/actuator/mqtt");
		assertThat(output).contains("Connected to tcp://").contains("CONNECTING -> CONNECTED").doesNotContain(PASSWORD);
	}

}
