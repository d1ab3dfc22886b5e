package io.github.mqttboot.autoconfigure;

import io.github.mqttboot.client.MqttConnectionException;
import io.github.mqttboot.client.MqttNotAuthorizedException;
import io.github.mqttboot.client.MqttTlsException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a startup that waited for the broker in vain, with what to check for the last error.
 *
 * @author mqtt-spring-boot-starter
 */
class MqttConnectionFailureAnalyzer extends AbstractFailureAnalyzer<MqttConnectionException> {

	private static final String OR_DO_NOT_WAIT = ", or set 'mqtt.startup.wait-for-connection' to 0 to start without "
			+ "waiting (the client keeps reconnecting in the background).";

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MqttConnectionException cause) {
		return new FailureAnalysis(cause.getMessage() + ".", action(cause), cause);
	}

	private static String action(MqttConnectionException cause) {
		Throwable last = (cause.getCause() != null) ? cause.getCause() : cause;
		if (last instanceof MqttTlsException) {
			return "Check the SSL bundle named by 'mqtt.ssl.bundle' (its CA must have signed the broker's certificate, "
					+ "its key store holds the client certificate) and that the certificate names the host of "
					+ "'mqtt.server-uris'" + OR_DO_NOT_WAIT;
		}
		if (last instanceof MqttNotAuthorizedException) {
			return "Check 'mqtt.username' and 'mqtt.password' against the broker's accounts and ACLs" + OR_DO_NOT_WAIT;
		}
		return "Check that the broker in 'mqtt.server-uris' is running and reachable" + OR_DO_NOT_WAIT;
	}

}
