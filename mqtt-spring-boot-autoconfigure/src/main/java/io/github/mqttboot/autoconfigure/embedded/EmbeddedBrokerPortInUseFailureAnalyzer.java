package io.github.mqttboot.autoconfigure.embedded;

import io.github.mqttboot.embedded.EmbeddedBrokerPortInUseException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains how to get past a port that another broker already uses.
 *
 * @author mqtt-spring-boot-starter
 */
class EmbeddedBrokerPortInUseFailureAnalyzer extends AbstractFailureAnalyzer<EmbeddedBrokerPortInUseException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, EmbeddedBrokerPortInUseException cause) {
		int port = cause.getPort();
		return new FailureAnalysis("The embedded MQTT broker could not start: port " + port
				+ " on 127.0.0.1 is already in use.",
				"To use the broker already listening there, set 'mqtt.server-uris=tcp://localhost:" + port
						+ "'. To run the embedded broker on another port, set 'mqtt.embedded.port' (0 picks a free "
						+ "port and logs it), or switch it off with 'mqtt.embedded.enabled=false'.",
				cause);
	}

}
