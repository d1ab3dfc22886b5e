package io.github.mqttboot.autoconfigure;

import java.util.List;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.origin.Origin;
import org.springframework.core.env.Environment;

/**
 * Reports an invalid {@code mqtt.*} property by name.
 *
 * @author mqtt-spring-boot-starter
 */
class InvalidMqttPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidMqttPropertyException> {

	private final Environment environment;

	InvalidMqttPropertyFailureAnalyzer(Environment environment) {
		this.environment = environment;
	}

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidMqttPropertyException cause) {
		String value = cause.getProperty().contains("password") ? "******" : String.valueOf(cause.getValue());
		Origin origin = origin(cause.getProperty());
		// laid out as Boot's own binding failures are
		String description = "Invalid value '" + value + "' for property '" + cause.getProperty() + "': "
				+ cause.getReason() + ".\n\n    Property: " + cause.getProperty() + "\n    Value: \"" + value + "\""
				+ ((origin != null) ? "\n    Origin: " + origin : "") + "\n    Reason: " + cause.getReason();
		return new FailureAnalysis(description,
				"Update '" + cause.getProperty() + "' in your application's configuration"
						+ ((origin != null) ? " (" + origin + ")" : "") + ".",
				cause);
	}

	/** Where the property was set, as Boot reports it for its own binding failures. */
	private Origin origin(String property) {
		if (this.environment == null || !ConfigurationPropertyName.isValid(property)) {
			return null;
		}
		ConfigurationPropertyName name = ConfigurationPropertyName.of(property);
		// a list set as one comma-separated value has no origin per element
		ConfigurationPropertyName whole = ConfigurationPropertyName.of(property.replaceAll("\\[\\d+]$", ""));
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(this.environment)) {
			for (ConfigurationPropertyName candidate : List.of(name, whole)) {
				ConfigurationProperty found = source.getConfigurationProperty(candidate);
				if (found != null && found.getOrigin() != null) {
					return found.getOrigin();
				}
			}
		}
		// a key that holds others, such as the name of a client under mqtt.clients: where its first key is set
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(this.environment)) {
			if (source instanceof IterableConfigurationPropertySource iterable) {
				Origin origin = iterable.filter(whole::isAncestorOf)
					.stream()
					.map(source::getConfigurationProperty)
					.filter((found) -> found != null && found.getOrigin() != null)
					.map(ConfigurationProperty::getOrigin)
					.findFirst()
					.orElse(null);
				if (origin != null) {
					return origin;
				}
			}
		}
		return null;
	}

}
