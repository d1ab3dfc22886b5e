package io.github.mqttboot.core;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * A message expiry is sent in whole seconds, where 0 means none to a broker: one under a second
 * is refused rather than sent as no expiry at all.
 */
class MqttPublishOptionsTests {

	@Test
	void aMessageExpiryUnderOneSecondIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> MqttPublishOptions.builder().messageExpiry(Duration.ofMillis(500)))
			.withMessageContaining("at least 1 s");
	}

	@Test
	void aMessageExpiryOfWholeSecondsIsTaken() {
		assertThat(MqttPublishOptions.builder().messageExpiry(Duration.ofSeconds(1)).build().getMessageExpiry())
			.isEqualTo(Duration.ofSeconds(1));
	}

}
