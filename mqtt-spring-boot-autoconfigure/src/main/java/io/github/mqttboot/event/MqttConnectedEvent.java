package io.github.mqttboot.event;

import java.net.URI;

import io.github.mqttboot.client.ManagedMqttClient;

/**
 * The client connected: the broker accepted it and its subscriptions are restored.
 *
 * @author mqtt-spring-boot-starter
 */
public class MqttConnectedEvent extends MqttClientEvent {

	private final URI serverUri;

	private final boolean sessionPresent;

	/**
	 * Creates the event.
	 * @param client the client
	 * @param serverUri the broker it connected to
	 * @param sessionPresent whether the broker kept a session for its client id
	 */
	public MqttConnectedEvent(ManagedMqttClient client, URI serverUri, boolean sessionPresent) {
		super(client);
		this.serverUri = serverUri;
		this.sessionPresent = sessionPresent;
	}

	/**
	 * Returns the broker the client connected to.
	 * @return the server URI
	 */
	public URI getServerUri() {
		return this.serverUri;
	}

	/**
	 * Returns whether the broker kept a session for the client id (CONNACK's session present).
	 * @return whether a session was resumed
	 */
	public boolean isSessionPresent() {
		return this.sessionPresent;
	}

}
