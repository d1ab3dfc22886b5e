package io.github.mqttboot.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.github.mqttboot.docs.MarkdownDocument.CodeBlock;
import io.github.mqttboot.docs.MarkdownDocument.Located;
import org.junit.jupiter.api.Test;

import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the documentation names exists. Every relative link of {@code README.md},
 * {@code docs/*.md}, {@code CONTRIBUTING.md} and {@code CHANGELOG.md} points to a file that
 * exists, and its {@code #anchor}, if any, to a heading of the target. Every {@code mqtt.*} name
 * in {@code README.md} and {@code docs/*.md}, in backticks, in YAML and in text diagrams, is a
 * property of the configuration metadata (or a group or {@code .*} prefix of them), a meter, or
 * one of the build properties listed in {@link MqttNames}; a {@code {tag}} suffix marks a meter.
 *
 * @author mqtt-spring-boot-starter
 */
class DocsConsistencyTests {

	private static final Path ROOT = Path.of("..");

	// a dotted mqtt name not inside another word, path or option (-Dmqtt...), with an optional
	// list index, .* prefix marker and {tags}
	private static final Pattern MQTT_NAME = Pattern
		.compile("(?<![\\w.\\-/$])(mqtt(?:\\.[a-z0-9][a-z0-9-]*)+)(\\[\\d+])?(\\.\\*)?(\\{[^}]*})?");

	@Test
	void everyRelativeLinkPointsToAnExistingFileAndHeading() throws IOException {
		List<String> broken = new ArrayList<>();
		List<MarkdownDocument> documents = documents(true);
		assertThat(documents).hasSizeGreaterThanOrEqualTo(9);
		for (MarkdownDocument document : documents) {
			for (Located link : document.links()) {
				String problem = checkLink(document, link.text());
				if (problem != null) {
					broken.add(link.where() + ": (" + link.text() + ") " + problem);
				}
			}
		}
		assertThat(broken).as("broken links").isEmpty();
	}

	@Test
	void everyMqttNameIsAPropertyAMeterOrABuildProperty() throws IOException {
		MqttNames names = MqttNames.load();
		List<String> unknown = new ArrayList<>();
		int checked = 0;
		for (MarkdownDocument document : documents(false)) {
			List<Located> candidates = new ArrayList<>(document.codeSpans());
			for (CodeBlock block : document.blocks("", "text")) {
				candidates.add(new Located(document.path(), block.line(), block.content()));
			}
			for (Located text : candidates) {
				Matcher matcher = MQTT_NAME.matcher(text.text());
				while (matcher.find()) {
					checked++;
					String problem = check(names, matcher);
					if (problem != null) {
						unknown.add(text.where() + ": " + matcher.group() + " " + problem);
					}
				}
			}
			for (CodeBlock block : document.blocks("yaml", "yml")) {
				for (String key : yamlKeys(block)) {
					checked++;
					if (key.startsWith("mqtt.") && !names.isProperty(key.replaceAll("\\[\\d+]", ""))) {
						unknown.add(block.where() + ": " + key + " is not a property in the configuration metadata");
					}
				}
			}
		}
		assertThat(checked).as("mqtt.* names checked").isGreaterThan(100);
		assertThat(unknown).as("mqtt.* names in the documentation that do not exist").isEmpty();
	}

	@Test
	void namesAreCheckedAsPropertiesMetersOrPrefixes() {
		MqttNames names = MqttNames.load();
		assertThat(check(names, "`mqtt.listener.queue-capacity`")).isNull();
		assertThat(check(names, "`mqtt.reconnect.*`")).isNull();
		assertThat(check(names, "`mqtt.server-uris[0]`")).isNull();
		assertThat(check(names, "`mqtt.messages.dropped{reason=overflow}`")).isNull();
		assertThat(check(names, "`mqtt.client.*`")).isNull();
		assertThat(check(names, "`mqtt.listener`")).isNull();
		assertThat(check(names, "`mqtt.listener.concurency`")).isNotNull();
		assertThat(check(names, "`mqtt.server-uris{client}`")).isNotNull();
		assertThat(check(names, "`mqtt.nothing.*`")).isNotNull();
		assertThat(MQTT_NAME.matcher("`-Dmqtt.test.drivers=a` this.mqtt.publish docs/mqtt.md").find()).isFalse();
	}

	@Test
	void anchorsAreThoseGitHubMakes() {
		assertThat(MarkdownDocument.slug("Migrating from Spring Integration's raw Paho adapters"))
			.isEqualTo("migrating-from-spring-integrations-raw-paho-adapters");
		assertThat(MarkdownDocument.slug("`mqtt-spring-boot-test`")).isEqualTo("mqtt-spring-boot-test");
		assertThat(MarkdownDocument.slug("Five steps to a running application"))
			.isEqualTo("five-steps-to-a-running-application");
	}

	private static String check(MqttNames names, String text) {
		Matcher matcher = MQTT_NAME.matcher(text);
		assertThat(matcher.find()).as(text).isTrue();
		return check(names, matcher);
	}

	/**
	 * Checks one name.
	 * @param names the valid names
	 * @param name a match of {@link #MQTT_NAME}
	 * @return what is wrong, or {@code null}
	 */
	private static String check(MqttNames names, Matcher name) {
		String base = name.group(1);
		if (name.group(4) != null) {
			return MqttNames.METERS.contains(base) ? null : "has tags but is no meter";
		}
		if (name.group(3) != null) {
			return names.exists(base + ".*") ? null : "is a prefix of no property or meter";
		}
		return names.exists(base) ? null : "is no property, group of properties, meter or build property";
	}

	private static String checkLink(MarkdownDocument document, String target) {
		if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
			// https:, mailto: ...
			return null;
		}
		int hash = target.indexOf('#');
		String file = (hash >= 0) ? target.substring(0, hash) : target;
		String anchor = (hash >= 0) ? target.substring(hash + 1) : null;
		Path resolved = file.isEmpty() ? document.path() : document.path().getParent().resolve(file).normalize();
		if (!Files.exists(resolved)) {
			return "points to a file that does not exist";
		}
		if (anchor == null || !resolved.toString().endsWith(".md")) {
			return null;
		}
		MarkdownDocument linked = resolved.equals(document.path()) ? document : MarkdownDocument.read(resolved);
		return linked.anchors().contains(anchor) ? null : "names no heading of " + resolved.getFileName();
	}

	private static List<String> yamlKeys(CodeBlock block) {
		List<String> keys = new ArrayList<>();
		ByteArrayResource resource = new ByteArrayResource(block.content().getBytes(StandardCharsets.UTF_8), block.where());
		try {
			for (PropertySource<?> document : new YamlPropertySourceLoader().load(block.where(), resource)) {
				keys.addAll(List.of(((EnumerablePropertySource<?>) document).getPropertyNames()));
			}
		}
		catch (IOException | RuntimeException ex) {
			throw new AssertionError(block.where() + ": not valid YAML: " + ex.getMessage(), ex);
		}
		return keys;
	}

	/**
	 * Returns the documents to check.
	 * @param all whether to add the contributor documents to the user documentation
	 * @return {@code README.md} and {@code docs/*.md}, and with {@code all} also
	 * {@code CONTRIBUTING.md} and {@code CHANGELOG.md}
	 */
	private static List<MarkdownDocument> documents(boolean all) throws IOException {
		List<Path> paths = new ArrayList<>();
		paths.add(ROOT.resolve("README.md"));
		try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
			docs.filter((path) -> path.toString().endsWith(".md")).sorted().forEach(paths::add);
		}
		if (all) {
			paths.addAll(List.of(ROOT.resolve("CONTRIBUTING.md"), ROOT.resolve("CHANGELOG.md")));
		}
		return paths.stream().map(Path::normalize).map(MarkdownDocument::read).toList();
	}

}
