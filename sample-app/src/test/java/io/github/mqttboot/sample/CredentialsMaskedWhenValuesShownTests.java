package io.github.mqttboot.sample;

import io.github.mqttboot.test.MqttTestBroker;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code env} and {@code configprops} set to show values: the starter's sanitizing function
 * still masks the password.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "mqtt.username=operator",
		"mqtt.password=" + CredentialsTests.PASSWORD, "management.endpoints.web.exposure.include=health,mqtt,env,configprops",
		"management.endpoint.health.show-details=always", "logging.level.io.github.mqttboot=TRACE",
		"management.endpoint.env.show-values=always", "management.endpoint.configprops.show-values=always" })
@MqttTestBroker
class CredentialsMaskedWhenValuesShownTests extends CredentialsTests {

	@Test
	void otherValuesAreShown() {
		// proves the setting took effect, so the masked password is the starter's doing
		assertThat(actuator().get("/actuator/env/mqtt.username")).contains("\"operator\"");
	}

}
