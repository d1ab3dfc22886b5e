package io.github.mqttboot.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Enumeration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.origin.Origin;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Reports {@code mqtt.*} keys that no property has, a typo such as {@code mqtt.server-uri} that
 * would otherwise leave the default in force without a word: a WARN naming the key, where it
 * came from and the closest valid key, or a startup failure with
 * {@code mqtt.fail-on-unknown-properties=true}. The valid keys are read from the configuration
 * metadata the build generates.
 *
 * @author mqtt-spring-boot-starter
 */
final class UnknownMqttProperties {

	private static final Log logger = LogFactory.getLog(UnknownMqttProperties.class);

	private static final ConfigurationPropertyName MQTT = ConfigurationPropertyName.of("mqtt");

	private static final String CLIENTS = "mqtt.clients.";

	private static final String METADATA = "META-INF/spring-configuration-metadata.json";

	private UnknownMqttProperties() {
	}

	static void check(Environment environment, boolean fail, ClassLoader classLoader) {
		Set<String> known = knownNames(classLoader);
		if (known.isEmpty()) {
			return;
		}
		Map<String, Origin> unknown = new TreeMap<>();
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (source instanceof IterableConfigurationPropertySource iterable && isConfiguration(source)) {
				iterable.filter(MQTT::isAncestorOf).forEach((name) -> {
					String key = name.toString().replaceAll("\\[[^]]*]", "");
					if (!known.contains(key) && !isClientKey(key, known)) {
						ConfigurationProperty property = source.getConfigurationProperty(name);
						unknown.putIfAbsent(key, (property != null) ? property.getOrigin() : null);
					}
				});
			}
		}
		unknown.forEach((key, origin) -> report(key, origin, suggestion(key, known), fail));
	}

	/** A named client's key: mqtt.clients.<name>.<key> where mqtt.<key> is one a client takes. */
	private static boolean isClientKey(String key, Set<String> known) {
		String inherited = inheritedKey(key);
		return inherited != null && known.contains(inherited) && !isSharedKey(inherited);
	}

	/** The mqtt.* key that a named client's key overrides, or null when the key is not a client's. */
	private static String inheritedKey(String key) {
		if (!key.startsWith(CLIENTS)) {
			return null;
		}
		int end = key.indexOf('.', CLIENTS.length());
		return (end != -1) ? "mqtt" + key.substring(end) : null;
	}

	/** Keys of the application, not of one client. */
	private static boolean isSharedKey(String key) {
		return key.equals("mqtt.enabled") || key.equals("mqtt.fail-on-unknown-properties")
				|| key.startsWith("mqtt.embedded.") || key.startsWith(CLIENTS) || key.equals("mqtt.clients");
	}

	private static String suggestion(String key, Set<String> known) {
		String inherited = inheritedKey(key);
		if (inherited == null) {
			return closest(key, known);
		}
		Set<String> clientKeys = new TreeSet<>(known);
		clientKeys.removeIf(UnknownMqttProperties::isSharedKey);
		String prefix = key.substring(0, key.length() - inherited.length() + "mqtt".length());
		return prefix + closest(inherited, clientKeys).substring("mqtt".length());
	}

	/** Not system properties and environment variables, which other tools set too. */
	private static boolean isConfiguration(ConfigurationPropertySource source) {
		Object underlying = source.getUnderlyingSource();
		String name = (underlying instanceof PropertySource<?> propertySource) ? propertySource.getName() : "";
		return !StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME.equals(name)
				&& !StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME.equals(name);
	}

	private static void report(String key, Origin origin, String closest, boolean fail) {
		String where = (origin != null) ? " (" + origin + ")" : "";
		String reason = "no such property; did you mean '" + closest + "'?";
		if (fail) {
			throw new InvalidMqttPropertyException(key, "(set" + where + ")",
					reason + " (mqtt.fail-on-unknown-properties is true)");
		}
		logger.warn("Unknown property '" + key + "'" + where + ": " + reason
				+ " It has no effect; set mqtt.fail-on-unknown-properties=true to fail startup instead.");
	}

	private static Set<String> knownNames(ClassLoader classLoader) {
		Set<String> names = new TreeSet<>();
		try {
			Enumeration<URL> resources = classLoader.getResources(METADATA);
			JsonMapper json = JsonMapper.builder().build();
			while (resources.hasMoreElements()) {
				try (InputStream input = resources.nextElement().openStream()) {
					JsonNode properties = json.readTree(input).get("properties");
					if (properties != null) {
						properties.forEach((property) -> {
							String name = property.get("name").asString();
							if (name.startsWith("mqtt.")) {
								names.add(name);
							}
						});
					}
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// without metadata there is nothing to compare with: no report rather than a wrong one
			logger.debug("Could not read the configuration metadata", ex);
			names.clear();
		}
		return names;
	}

	static String closest(String key, Set<String> known) {
		String best = null;
		int bestDistance = Integer.MAX_VALUE;
		for (String candidate : known) {
			int distance = distance(key, candidate);
			if (distance < bestDistance) {
				best = candidate;
				bestDistance = distance;
			}
		}
		return best;
	}

	/** Levenshtein distance: the edits that turn one key into the other. */
	private static int distance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

}
