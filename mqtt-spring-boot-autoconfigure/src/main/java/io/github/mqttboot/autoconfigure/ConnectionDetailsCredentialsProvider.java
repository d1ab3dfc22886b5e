package io.github.mqttboot.autoconfigure;

import java.net.URI;

import io.github.mqttboot.client.MqttCredentials;
import io.github.mqttboot.client.MqttCredentialsProvider;

/**
 * The default credentials of the default client: those of its {@link MqttConnectionDetails},
 * read at every attempt, since connection details may change what they return. Named clients
 * keep their own {@code mqtt.clients.<name>.username} and {@code password} instead; a provider
 * of the application's serves every client.
 *
 * @author mqtt-spring-boot-starter
 */
final class ConnectionDetailsCredentialsProvider implements MqttCredentialsProvider {

	private final MqttConnectionDetails connectionDetails;

	ConnectionDetailsCredentialsProvider(MqttConnectionDetails connectionDetails) {
		this.connectionDetails = connectionDetails;
	}

	@Override
	public MqttCredentials getCredentials(String clientName, URI serverUri) {
		return new MqttCredentials(this.connectionDetails.getUsername(), this.connectionDetails.getPassword());
	}

}
