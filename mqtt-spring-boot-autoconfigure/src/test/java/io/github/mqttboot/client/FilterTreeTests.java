package io.github.mqttboot.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class FilterTreeTests {

	@ParameterizedTest
	@CsvSource({ "a/b, a/b, true", "a/b, a/c, false", "a/+, a/b, true", "a/+, a/b/c, false", "a/#, a, true",
			"a/#, a/b/c, true", "#, a/b, true", "+/b, a/b, true", "+, a, true", "a, a/b, false", "a/b, a, false",
			"ab, a, false", "a, ab, false", "#, $SYS/x, false", "+/x, $SYS/x, false", "$SYS/#, $SYS/x, true",
			"$share/g/a/+, a/b, true", "a/+, a/, true", "+/+, /x, true", "/#, /, true", "a//b, a//b, true" })
	void matchesAsTopicFiltersDo(String filter, String topic, boolean expected) {
		assertThat(matching(Map.of(filter, filter), topic)).isEqualTo(expected ? List.of(filter) : List.of());
	}

	@Test
	void filtersOnOneLevelPathAreEachFound() {
		Map<String, String> filters = new LinkedHashMap<>();
		filters.put("a/b", "plain");
		filters.put("$share/g/a/b", "shared");
		filters.put("a/+", "single");
		filters.put("a/#", "multi");
		filters.put("#", "all");
		assertThat(matching(filters, "a/b")).containsExactlyInAnyOrder("plain", "shared", "single", "multi", "all");
		assertThat(matching(filters, "a")).containsExactlyInAnyOrder("multi", "all");
	}

	@Test
	void findsWhatTestingEveryFilterFinds() {
		Random random = new Random(42);
		String[] levels = { "a", "b", "c", "", "$x", "+", "#" };
		for (int round = 0; round < 200; round++) {
			Map<String, String> filters = new LinkedHashMap<>();
			for (int i = 0; i < 30; i++) {
				String filter = randomLevels(random, levels, true);
				filters.put(filter, filter);
			}
			for (int i = 0; i < 50; i++) {
				String topic = randomLevels(random, levels, false);
				List<String> expected = filters.keySet()
					.stream()
					.filter((filter) -> TopicFilters.matches(filter, topic))
					.toList();
				assertThat(matching(filters, topic)).as(topic).containsExactlyInAnyOrderElementsOf(expected);
			}
		}
	}

	@Test
	void anEmptyTreeMatchesNothing() {
		assertThat(matching(Map.of(), "a/b")).isEmpty();
	}

	private static String randomLevels(Random random, String[] levels, boolean filter) {
		int count = 1 + random.nextInt(4);
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < count; i++) {
			// '#' only last in a filter; no wildcards in a topic; '$' only first
			String level = levels[random.nextInt(filter ? ((i == count - 1) ? 7 : 6) : 5)];
			if (level.startsWith("$") && i > 0) {
				level = "d";
			}
			text.append((i > 0) ? "/" : "").append(level);
		}
		// a topic is never empty
		return text.isEmpty() ? "e" : text.toString();
	}

	private static List<String> matching(Map<String, String> filters, String topic) {
		List<String> found = new ArrayList<>();
		FilterTree.of(filters).forEachMatch(topic, found, (value, list) -> list.add(value));
		return found;
	}

}
