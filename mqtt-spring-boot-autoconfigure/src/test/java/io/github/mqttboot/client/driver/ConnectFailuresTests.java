package io.github.mqttboot.client.driver;

import java.net.URI;

import javax.net.ssl.SSLHandshakeException;

import io.github.mqttboot.client.MqttNotAuthorizedException;
import io.github.mqttboot.client.MqttTlsException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ConnectFailures}: the same typed errors from MQTT 5 reason codes, MQTT 3.1.1
 * return codes and TLS causes, whichever library reported them.
 */
class ConnectFailuresTests {

	private static final URI SERVER = URI.create("ssl://broker.example:8883");

	private final RuntimeException failure = new RuntimeException("library's failure");

	@Test
	void mqtt5NotAuthorizedKeepsItsReasonCode() {
		assertThat(ConnectFailures.classify(SERVER, this.failure, 0x87)).isInstanceOf(MqttNotAuthorizedException.class)
			.hasMessageStartingWith("Not authorized (CONNACK reason code 0x87): " + SERVER)
			.hasMessageContaining("check mqtt.username and mqtt.password")
			.hasCause(this.failure)
			.extracting("reasonCode")
			.isEqualTo(0x87);
	}

	@Test
	void mqtt3BadUserNameOrPasswordCarriesTheMqtt5ReasonCodeOfTheSameMeaning() {
		assertThat(ConnectFailures.classifyMqtt3(SERVER, this.failure, 4))
			.isInstanceOf(MqttNotAuthorizedException.class)
			.hasMessageStartingWith("Not authorized, bad user name or password (CONNACK return code 4)")
			.extracting("reasonCode")
			.isEqualTo(ConnectFailures.BAD_USER_NAME_OR_PASSWORD);
	}

	@Test
	void mqtt3NotAuthorizedCarriesTheMqtt5ReasonCodeOfTheSameMeaning() {
		assertThat(ConnectFailures.classifyMqtt3(SERVER, this.failure, 5))
			.isInstanceOf(MqttNotAuthorizedException.class)
			.hasMessageStartingWith("Not authorized (CONNACK return code 5)")
			.extracting("reasonCode")
			.isEqualTo(ConnectFailures.NOT_AUTHORIZED);
	}

	@Test
	void otherRefusalsAreLeftAsTheyAre() {
		assertThat(ConnectFailures.classifyMqtt3(SERVER, this.failure, 2)).isSameAs(this.failure);
		assertThat(ConnectFailures.classify(SERVER, this.failure, 0x85)).isSameAs(this.failure);
	}

	@Test
	void aHandshakeFailureDeepInTheCausesIsATlsError() {
		Throwable wrapped = new RuntimeException("connection failed",
				new IllegalStateException(new SSLHandshakeException("PKIX path building failed")));
		assertThat(ConnectFailures.classify(SERVER, wrapped, -1)).isInstanceOf(MqttTlsException.class)
			.hasMessageContaining("TLS connection to " + SERVER + " failed")
			.hasMessageContaining("is not trusted (check the CA of mqtt.ssl.bundle)")
			.hasCause(wrapped);
	}

}
