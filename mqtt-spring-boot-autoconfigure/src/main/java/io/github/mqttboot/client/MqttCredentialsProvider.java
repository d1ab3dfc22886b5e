package io.github.mqttboot.client;

import java.net.URI;

/**
 * Supplies the user name and password of each connection attempt. The client asks before every
 * attempt, the first and every reconnect, so that credentials that change reach the broker
 * without a restart: a password rotated in a vault, a token that expires (JWT, SAS). Declare one
 * as a bean to replace the one from {@code mqtt.username} and {@code mqtt.password}.
 * <p>
 * It is called on the client's supervisor thread, which also keeps the client's deadlines:
 * return promptly, from a cache refreshed elsewhere when getting a token is slow. What it
 * throws fails the attempt, which is retried with the reconnect backoff like any other.
 *
 * @author mqtt-spring-boot-starter
 * @since 0.1.0
 */
@FunctionalInterface
public interface MqttCredentialsProvider {

	/**
	 * Returns the credentials of one connection attempt.
	 * @param clientName the name of the client that connects: {@code mqttClient} for the default
	 * client, else its name under {@code mqtt.clients}
	 * @param serverUri the broker of this attempt, one of the client's server URIs
	 * @return the credentials, {@link MqttCredentials#NONE} to connect without
	 */
	MqttCredentials getCredentials(String clientName, URI serverUri);

}
