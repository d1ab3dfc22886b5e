package io.github.mqttboot.listener;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TopicTemplate}.
 */
class TopicTemplateTests {

	@Test
	void templateWithVariablesSubscribesToWildcardsAndReadsTheValues() {
		TopicTemplate template = TopicTemplate.parse("sensors/{id}/temperature");
		assertThat(template.getFilter()).isEqualTo("sensors/+/temperature");
		assertThat(template.hasVariables()).isTrue();
		assertThat(template.getVariableNames()).containsExactly("id");
		assertThat(template.variables("sensors/hall-3/temperature")).isEqualTo(Map.of("id", "hall-3"));
	}

	@Test
	void plainFilterHasNoVariables() {
		TopicTemplate template = TopicTemplate.parse("sensors/+/temperature");
		assertThat(template.getFilter()).isEqualTo("sensors/+/temperature");
		assertThat(template.hasVariables()).isFalse();
		assertThat(template.getVariableNames()).isEmpty();
	}

}
