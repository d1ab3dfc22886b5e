package io.github.mqttboot.client;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
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
			"a/+, a/, true", "a/, a/, true", "a/, a, false", "a, a/, false", "//, //, true", "/, /x, false",
			"sensors/+/temp, sensors/1/temp, true" })
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

	@Test
	void filtersOverlapWhenSomeTopicMatchesBoth() {
		// the empty topic is not valid, but "+" and "/#" both match it: overlap errs towards yes
		List<String> topics = new ArrayList<>(List.of(""));
		for (int count = 1; count <= 5; count++) {
			topics.addAll(levels(count, new String[] { "a", "b", "", "z" }, false));
		}
		List<String> filters = new ArrayList<>();
		for (int count = 1; count <= 4; count++) {
			filters.addAll(levels(count, new String[] { "a", "b", "", "+", "#" }, true));
		}
		Map<String, BitSet> matched = new HashMap<>();
		for (String filter : filters) {
			BitSet topicsMatched = new BitSet();
			for (int i = 0; i < topics.size(); i++) {
				topicsMatched.set(i, TopicFilters.matches(filter, topics.get(i)));
			}
			matched.put(filter, topicsMatched);
		}
		for (String first : filters) {
			for (String second : filters) {
				assertThat(TopicFilters.overlap(first, second)).as("%s and %s", first, second)
					.isEqualTo(matched.get(first).intersects(matched.get(second)));
			}
		}
	}

	/** Every filter or topic of some levels from the given ones, '#' only last. */
	private static List<String> levels(int count, String[] levels, boolean filter) {
		List<String> all = new ArrayList<>(List.of(""));
		for (int i = 0; i < count; i++) {
			List<String> longer = new ArrayList<>();
			for (String prefix : all) {
				for (String level : levels) {
					if (!level.equals("#") || i == count - 1) {
						longer.add((i == 0) ? level : prefix + "/" + level);
					}
				}
			}
			all = longer;
		}
		return all.stream().filter((text) -> !text.isEmpty()).toList();
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
