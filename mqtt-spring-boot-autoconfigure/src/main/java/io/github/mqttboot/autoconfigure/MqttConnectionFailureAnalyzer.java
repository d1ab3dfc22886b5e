package io.github.mqttboot.autoconfigure;

import io.github.mqttboot.client.MqttConnectionException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a startup that waited for the broker in vain.
 *
 * @author mqtt-spring-boot-starter
 */
class MqttConnectionFailureAnalyzer extends AbstractFailureAnalyzer<MqttConnectionException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MqttConnectionException cause) {
		return new FailureAnalysis(cause.getMessage() + ".",
				"Check that the broker in 'mqtt.server-uris' is running and reachable, or set "
						+ "'mqtt.startup.wait-for-connection' to 0 to start without waiting (the client keeps "
						+ "reconnecting in the background).",
				cause);
	}

}
