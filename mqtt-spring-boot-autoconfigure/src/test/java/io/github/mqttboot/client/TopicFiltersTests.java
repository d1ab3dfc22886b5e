package io.github.mqttboot.client;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

class TopicFiltersTests {

	@ParameterizedTest
	@CsvSource({ "a/b, a/b, true", "a/b, a/c, false", "a/+, a/b, true", "a/+, a/b/c, false", "a/#, a, true",
			"a/#, a/b/c, true", "#, a/b, true", "+/b, a/b, true", "+, a, true", "a/+/c, a/b/c, true",
			"a/+/c, a/b/d, false", "a, a/b, false", "a/b, a, false", "ab, a, false", "a, ab, false",
			"#, $SYS/x, false", "+/x, $SYS/x, false", "$SYS/#, $SYS/x, true", "$share/g/a/+, a/b, true",
			"a/+, a/, true", "sensors/+/temp, sensors/1/temp, true" })
	void matches(String filter, String topic, boolean expected) {
		assertThat(TopicFilters.matches(filter, topic)).isEqualTo(expected);
	}

	@ParameterizedTest
	@CsvSource({ "a/b, a/c, false", "a/+, a/b, true", "a/+, a/#, true", "a/#, a, true", "a, a/#, true",
			"a/#, a/b/c, true", "a/+, a/b/c, false", "a/+/c, +/b/+, true", "a/+/c, a/+/d, false", "#, x/y, true",
			"a/b, a/b/c, false", "$share/g/a/+, a/b, true", "$share/g1/a, $share/g2/a, true",
			"$share/g/a, b, false", "bench/1/+, bench/2/+, false" })
	void overlap(String first, String second, boolean expected) {
		assertThat(TopicFilters.overlap(first, second)).isEqualTo(expected);
		assertThat(TopicFilters.overlap(second, first)).isEqualTo(expected);
	}

	@ParameterizedTest
	@ValueSource(strings = { "a/b", "a/+/c", "#", "a/#", "+", "$share/group/a/#" })
	void validFilters(String filter) {
		assertThatNoException().isThrownBy(() -> TopicFilters.validate(filter));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "a/#/b", "a/b#", "a+/b", "$share//a", "$share/g", "$share/g/" })
	void invalidFilters(String filter) {
		assertThatIllegalArgumentException().isThrownBy(() -> TopicFilters.validate(filter));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "a/+", "a/#" })
	void invalidTopicNames(String topic) {
		assertThatIllegalArgumentException().isThrownBy(() -> TopicFilters.validateTopicName(topic));
	}

}
