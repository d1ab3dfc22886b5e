package io.github.mqttboot.client;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A drop by the driver is said at once, and a flood of them in one WARN a minute.
 */
@ExtendWith(OutputCaptureExtension.class)
class DriverDropWarningsTests {

	private static final String WARNING = "MQTT client 'edge' dropped ";

	@Test
	void theFirstDropIsSaidAtOnce(CapturedOutput output) {
		new DriverDropWarnings("edge").dropped();
		assertThat(output).contains(WARNING + "1 QoS 0 message(s) since the last warning");
	}

	@Test
	void aFloodOfDropsIsSaidOnceAMinute(CapturedOutput output) {
		DriverDropWarnings warnings = new DriverDropWarnings("edge");
		for (int i = 0; i < 100_000; i++) {
			warnings.dropped();
		}
		assertThat(output).containsOnlyOnce(WARNING);
	}

}
