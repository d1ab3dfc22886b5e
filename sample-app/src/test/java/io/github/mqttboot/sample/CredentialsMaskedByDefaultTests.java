package io.github.mqttboot.sample;

import io.github.mqttboot.test.MqttTestBroker;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * Boot's defaults: {@code env} and {@code configprops} mask every value.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "mqtt.username=operator",
		"mqtt.password=" + CredentialsTests.PASSWORD, "management.endpoints.web.exposure.include=health,mqtt,env,configprops",
		"management.endpoint.health.show-details=always", "logging.level.io.github.mqttboot=TRACE" })
@MqttTestBroker
class CredentialsMaskedByDefaultTests extends CredentialsTests {

}
