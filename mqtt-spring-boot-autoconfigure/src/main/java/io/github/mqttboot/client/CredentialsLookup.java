package io.github.mqttboot.client;

import java.net.URI;

/**
 * Asks a client's {@link MqttCredentialsProvider} for the credentials of one connection attempt,
 * turning what the application's provider does wrong into a failure of that attempt, which the
 * supervisor logs and retries with its backoff.
 *
 * @author mqtt-spring-boot-starter
 */
final class CredentialsLookup {

	private CredentialsLookup() {
	}

	static MqttCredentials credentials(MqttConnectSettings settings, String clientName, URI serverUri) {
		MqttCredentials credentials;
		try {
			credentials = settings.getCredentialsProvider().getCredentials(clientName, serverUri);
		}
		catch (OutOfMemoryError ex) {
			throw ex;
		}
		catch (Throwable ex) {
			// an Error too (a class missing from a secrets client): the attempt fails, the next one asks again
			throw new MqttCredentialsException("The MqttCredentialsProvider of MQTT client '" + clientName
					+ "' failed for " + serverUri + ": " + ex, ex);
		}
		if (credentials == null) {
			throw new MqttCredentialsException("The MqttCredentialsProvider of MQTT client '" + clientName
					+ "' returned null for " + serverUri + "; return MqttCredentials.NONE to connect without", null);
		}
		return credentials;
	}

}
