package io.github.mqttboot.docs;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code mqtt.*} names the documentation may use: the configuration properties, from the
 * metadata the build generates, the meter and observation names, and the build properties of
 * the test suite.
 *
 * @author mqtt-spring-boot-starter
 */
final class MqttNames {

	static final Path METADATA = Path.of("target/classes/META-INF/spring-configuration-metadata.json");

	/**
	 * Properties that are maps: any key below them is valid. None today; the map of named clients
	 * is checked key by key (a client's key is valid when the same key of {@code mqtt.*} is).
	 */
	static final List<String> MAP_PROPERTIES = List.of();

	private static final String CLIENTS = "mqtt.clients.";

	/** Meters and observations of the client and the listeners (the names of the public contract). */
	static final Set<String> METERS = Set.of("mqtt.client.threads", "mqtt.client.workers.pending",
			"mqtt.client.connected", "mqtt.client.connects", "mqtt.client.connection.lost", "mqtt.client.inflight",
			"mqtt.client.buffered", "mqtt.client.conflicts", "mqtt.client.messages.dropped",
			"mqtt.messages.published", "mqtt.messages.received", "mqtt.messages.dropped", "mqtt.listener",
			"mqtt.publish", "mqtt.subscriptions.refused", "mqtt.listener.retries", "mqtt.listener.queued",
			"mqtt.listener.stalled");

	/** System properties of the build and the test suite, not of applications. */
	static final Set<String> BUILD_PROPERTIES = Set.of("mqtt.leak.attempts", "mqtt.leak.attempts.other-drivers",
			"mqtt.test.drivers");

	private final Set<String> properties;

	private MqttNames(Set<String> properties) {
		this.properties = properties;
	}

	static MqttNames load() {
		JsonNode metadata = JsonMapper.builder().build().readTree(METADATA.toFile());
		Set<String> properties = new TreeSet<>();
		for (JsonNode property : metadata.get("properties")) {
			String name = property.get("name").stringValue();
			if (name.startsWith("mqtt.")) {
				properties.add(name);
			}
		}
		return new MqttNames(properties);
	}

	Set<String> properties() {
		return this.properties;
	}

	/**
	 * Whether a key of a configuration file is a property: named in the metadata, or below a map
	 * property.
	 * @param key the key, without list indexes
	 * @return whether an application may set it
	 */
	boolean isProperty(String key) {
		String inherited = inheritedKey(key);
		if (inherited != null) {
			return isProperty(inherited);
		}
		return this.properties.contains(key) || MAP_PROPERTIES.stream().anyMatch((map) -> key.startsWith(map + "."));
	}

	/**
	 * Whether a name used in prose exists: a property, a group of properties, a meter, or a build
	 * property; a name ending in {@code .*} or {@code .} is a prefix that some property or meter
	 * must start with.
	 * @param name the name as written, without tags or list indexes
	 * @return whether it exists
	 */
	boolean exists(String name) {
		String inherited = inheritedKey(name);
		if (inherited != null) {
			return exists(inherited);
		}
		if (name.startsWith(CLIENTS)) {
			// mqtt.clients.<name> itself
			return true;
		}
		if (name.endsWith(".*") || name.endsWith(".")) {
			String prefix = name.substring(0, name.lastIndexOf('.') + 1);
			return this.properties.stream().anyMatch((property) -> property.startsWith(prefix))
					|| METERS.stream().anyMatch((meter) -> meter.startsWith(prefix))
					|| MAP_PROPERTIES.stream().anyMatch((map) -> (map + ".").startsWith(prefix));
		}
		return isProperty(name) || this.properties.stream().anyMatch((property) -> property.startsWith(name + "."))
				|| METERS.contains(name) || BUILD_PROPERTIES.contains(name);
	}

	/** The mqtt.* key a named client's key overrides, or null when the key is not a client's. */
	private static String inheritedKey(String key) {
		if (!key.startsWith(CLIENTS)) {
			return null;
		}
		int end = key.indexOf('.', CLIENTS.length());
		return (end != -1) ? "mqtt" + key.substring(end) : null;
	}

}
