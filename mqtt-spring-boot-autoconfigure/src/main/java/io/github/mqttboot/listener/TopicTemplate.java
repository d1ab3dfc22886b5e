package io.github.mqttboot.listener;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.mqttboot.client.TopicFilters;

/**
 * A topic filter whose {@code {var}} levels are subscribed as {@code +} and read back from the
 * topic of each message.
 *
 * @author mqtt-spring-boot-starter
 * @since 0.1.0
 */
public final class TopicTemplate {

	private final String template;

	private final String filter;

	/** Variable name per level, or null for a fixed or wildcard level. */
	private final List<String> variables;

	/** Asked for every message a listener receives: computed once. */
	private final boolean hasVariables;

	private TopicTemplate(String template, String filter, List<String> variables) {
		this.template = template;
		this.filter = filter;
		this.variables = variables;
		this.hasVariables = variables.stream().anyMatch((name) -> name != null);
	}

	/**
	 * Parses a template.
	 * @param template for example {@code sensors/{id}/temperature}
	 * @return the template
	 * @throws IllegalArgumentException if the resulting filter is not a valid MQTT filter
	 */
	public static TopicTemplate parse(String template) {
		String[] levels = template.split("/", -1);
		List<String> variables = new ArrayList<>();
		StringBuilder filter = new StringBuilder();
		for (int i = 0; i < levels.length; i++) {
			String level = levels[i];
			boolean variable = level.length() > 2 && level.startsWith("{") && level.endsWith("}");
			variables.add(variable ? level.substring(1, level.length() - 1) : null);
			filter.append((i > 0) ? "/" : "").append(variable ? "+" : level);
		}
		String result = filter.toString();
		TopicFilters.validate(result);
		return new TopicTemplate(template, result, variables);
	}

	/**
	 * Returns the template as declared, with its {@code {var}} levels.
	 * @return the template
	 */
	public String getTemplate() {
		return this.template;
	}

	/**
	 * Returns the MQTT filter to subscribe to: each {@code {var}} level as {@code +}.
	 * @return the filter
	 */
	public String getFilter() {
		return this.filter;
	}

	/**
	 * Returns whether the template has {@code {var}} levels.
	 * @return whether it has variables
	 */
	public boolean hasVariables() {
		return this.hasVariables;
	}

	/**
	 * Returns the names of the template's variables, in level order.
	 * @return the names
	 */
	public List<String> getVariableNames() {
		return this.variables.stream().filter((name) -> name != null).toList();
	}

	/**
	 * Returns whether a topic matches the template's filter.
	 * @param topic the topic of a message
	 * @return whether it matches
	 */
	public boolean matches(String topic) {
		return TopicFilters.matches(this.filter, topic);
	}

	/**
	 * Reads the variables from a topic that matches this template.
	 * @param topic the topic of a message
	 * @return the values by name
	 */
	public Map<String, String> variables(String topic) {
		Map<String, String> values = new LinkedHashMap<>();
		String[] levels = topic.split("/", -1);
		for (int i = 0; i < this.variables.size() && i < levels.length; i++) {
			String name = this.variables.get(i);
			if (name != null) {
				values.put(name, levels[i]);
			}
		}
		return values;
	}

	@Override
	public String toString() {
		return this.template;
	}

}
