package io.github.mqttboot.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The README's table of {@code mqtt.*} properties is rendered from the configuration metadata
 * that the build generates from {@code MqttProperties}, so it never drifts. When a property
 * changes this test fails and prints the new table; regenerate the README with
 * <pre>
 * ./mvnw -pl mqtt-spring-boot-autoconfigure -am test -Dtest=ReadmePropertiesTableTests -Dsurefire.failIfNoSpecifiedTests=false -Dreadme.update=true
 * </pre>
 */
class ReadmePropertiesTableTests {

	static final Path METADATA = Path.of("target/classes/META-INF/spring-configuration-metadata.json");

	static final Path README = Path.of("../README.md");

	static final String START = "<!-- properties:start -->";

	static final String END = "<!-- properties:end -->";

	@Test
	void readmeListsEveryPropertyAsTheMetadataDescribesIt() throws IOException {
		String table = render(JsonMapper.builder().build().readTree(METADATA.toFile()));
		String readme = Files.readString(README, StandardCharsets.UTF_8);
		int start = readme.indexOf(START);
		int end = readme.indexOf(END);
		assertThat(start).as("README marker " + START).isNotNegative();
		assertThat(end).as("README marker " + END).isGreaterThan(start);
		String current = readme.substring(start + START.length(), end);
		String expected = "\n" + table;
		if (current.equals(expected)) {
			return;
		}
		if (Boolean.getBoolean("readme.update")) {
			Files.writeString(README, readme.substring(0, start + START.length()) + expected + readme.substring(end),
					StandardCharsets.UTF_8);
			return;
		}
		fail("README.md's property table differs from the metadata; rerun with -Dreadme.update=true "
				+ "(see this test's Javadoc) or paste between the markers:\n" + table);
	}

	@Test
	void rendersEveryMqttPropertyWithItsTypeDefaultAndDescription() throws IOException {
		String table = render(JsonMapper.builder().build().readTree(METADATA.toFile()));
		assertThat(table).contains("| `mqtt.server-uris` | `List<String>` | `tcp://localhost:1883` | Broker URIs")
			.contains("| `mqtt.reconnect.jitter` | `Double` | `0.5` |")
			.contains("| `mqtt.listener.ack-mode` | `AckMode` | `after-handler` |")
			.contains("| `mqtt.password` | `String` |  | Login password of the broker. |")
			.doesNotContain("management.");
	}

	static String render(JsonNode metadata) {
		List<String> rows = new ArrayList<>();
		rows.add("| Property | Type | Default | Description |");
		rows.add("|---|---|---|---|");
		for (JsonNode property : metadata.get("properties")) {
			String name = property.get("name").stringValue();
			if (name.startsWith("mqtt.")) {
				rows.add("| `" + name + "` | `" + simpleType(text(property.get("type"))) + "` | "
						+ defaultValue(property.get("defaultValue")) + " | " + cell(text(property.get("description")))
						+ " |");
			}
		}
		return rows.stream().collect(Collectors.joining("\n", "", "\n"));
	}

	/** {@code java.util.List<java.lang.String>} as {@code List<String>}, a nested enum by its own name. */
	private static String simpleType(String type) {
		return type.replaceAll("[a-z][\\w]*\\.", "").replaceAll("\\w+\\$", "");
	}

	private static String defaultValue(JsonNode value) {
		if (value == null || value.isNull()) {
			return "";
		}
		if (value.isArray()) {
			List<String> items = new ArrayList<>();
			value.forEach((item) -> items.add(item.asString()));
			return "`" + cell(String.join(", ", items)) + "`";
		}
		return "`" + cell(value.asString()) + "`";
	}

	private static String text(JsonNode node) {
		return (node != null && !node.isNull()) ? node.stringValue() : "";
	}

	private static String cell(String text) {
		return text.replace("|", "\\|").replace("\n", " ");
	}

}
