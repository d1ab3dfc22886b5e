package io.github.mqttboot.client;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first occurrence is let through; the next ones within the minute are only counted.
 */
class OncePerMinuteTests {

	@Test
	void theFirstOccurrenceIsLetThroughAndTheNextOnesWithinTheMinuteAreNot() {
		OncePerMinute throttle = new OncePerMinute();
		assertThat(throttle.occurred()).isOne();
		for (int i = 0; i < 100; i++) {
			assertThat(throttle.occurred()).isZero();
		}
	}

}
