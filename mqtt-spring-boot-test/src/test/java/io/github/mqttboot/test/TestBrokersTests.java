package io.github.mqttboot.test;

import io.github.mqttboot.test.MqttTestBroker.Kind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Which broker a kind stands for, and how {@code mqtt.test.broker} chooses one. This module has
 * no embedded broker on its test class path.
 */
class TestBrokersTests {

	private final String selection = System.getProperty(TestBrokers.SELECTION_PROPERTY);

	@AfterEach
	void restoreSelection() {
		if (this.selection != null) {
			System.setProperty(TestBrokers.SELECTION_PROPERTY, this.selection);
		}
		else {
			System.clearProperty(TestBrokers.SELECTION_PROPERTY);
		}
	}

	@Test
	void choosingTheEmbeddedBrokerMakesMosquittoUnavailable() {
		System.setProperty(TestBrokers.SELECTION_PROPERTY, "embedded");
		assertThat(TestBrokers.resolve(Kind.MOSQUITTO)).isNull();
		assertThat(TestBrokers.resolve(Kind.AUTO)).isNull();
		assertThat(TestBrokers.unavailable(Kind.AUTO)).contains("hivemq-community-edition-embedded");
		assertThat(TestBrokers.unavailable(Kind.MOSQUITTO)).startsWith("Mosquitto is not");
	}

	@Test
	void choosingMosquittoMakesAutoMosquitto() {
		System.setProperty(TestBrokers.SELECTION_PROPERTY, " Mosquitto ");
		assertThat(TestBrokers.resolve(Kind.AUTO))
			.isEqualTo(MosquittoTestBroker.isInstalled() ? Kind.MOSQUITTO : null);
	}

	@Test
	void anotherValueFailsNamingTheChoices() {
		System.setProperty(TestBrokers.SELECTION_PROPERTY, "hivemq");
		assertThatIllegalStateException().isThrownBy(() -> TestBrokers.resolve(Kind.AUTO))
			.withMessageContaining("'hivemq'")
			.withMessageContaining("mosquitto or embedded");
	}

}
