package io.github.mqttboot.autoconfigure;

import io.github.mqttboot.client.MqttConnectionException;
import io.github.mqttboot.client.MqttCredentialsException;
import io.github.mqttboot.client.MqttNotAuthorizedException;
import io.github.mqttboot.client.MqttTlsException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

/**
 * Explains a startup that waited for the broker in vain, with what to check for the last error.
 * The keys it names are those the failed client took its settings from: a named client's own
 * {@code mqtt.clients.<name>.*} keys, or the {@code mqtt.*} keys it inherited.
 *
 * @author mqtt-spring-boot-starter
 */
class MqttConnectionFailureAnalyzer extends AbstractFailureAnalyzer<MqttConnectionException> {

	private final Environment environment;

	MqttConnectionFailureAnalyzer(Environment environment) {
		this.environment = environment;
	}

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MqttConnectionException cause) {
		String description = cause.getMessage();
		if (cause.getClientName() != null) {
			description += " (" + key(cause, "startup.wait-for-connection") + ")";
		}
		return new FailureAnalysis(description + ".", action(cause), cause);
	}

	private String action(MqttConnectionException cause) {
		Throwable last = (cause.getCause() != null) ? cause.getCause() : cause;
		String orDoNotWait = ", or set " + key(cause, "startup.wait-for-connection")
				+ " to 0 to start without waiting (the client keeps reconnecting in the background).";
		if (last instanceof MqttTlsException) {
			return "Check the SSL bundle named by " + key(cause, "ssl.bundle") + " (its CA must have signed the "
					+ "broker's certificate, its key store holds the client certificate) and that the certificate "
					+ "names the host of " + key(cause, "server-uris") + orDoNotWait;
		}
		if (last instanceof MqttCredentialsException) {
			return "Check the application's MqttCredentialsProvider bean: it must return credentials for every "
					+ "connection attempt (MqttCredentials.NONE to connect without), and promptly, since it runs on "
					+ "the client's supervisor thread" + orDoNotWait;
		}
		if (last instanceof MqttNotAuthorizedException) {
			return "Check " + key(cause, "username") + " and " + key(cause, "password")
					+ " against the broker's accounts and ACLs" + orDoNotWait;
		}
		return "Check that the broker in " + key(cause, "server-uris") + " is running and reachable" + orDoNotWait;
	}

	private String key(MqttConnectionException cause, String key) {
		return (this.environment != null) ? MqttNamedClients.keyOf(this.environment, cause.getClientName(), key)
				: "'mqtt." + key + "'";
	}

}
