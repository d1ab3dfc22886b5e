package io.github.mqttboot.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports an invalid {@code mqtt.*} property by name.
 *
 * @author mqtt-spring-boot-starter
 */
class InvalidMqttPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidMqttPropertyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidMqttPropertyException cause) {
		String value = cause.getProperty().contains("password") ? "******" : String.valueOf(cause.getValue());
		return new FailureAnalysis(
				"Invalid value '" + value + "' for property '" + cause.getProperty() + "': " + cause.getReason() + ".",
				"Update '" + cause.getProperty() + "' in your application's configuration.", cause);
	}

}
