package io.github.mqttboot.event;

import io.github.mqttboot.client.ManagedMqttClient;

/**
 * The client found a probable client id conflict: another client connects with the same client
 * id and the broker ends one connection for the other. Seen from three connections in a row
 * lost within {@code mqtt.reconnect.stable-after}, or from a DISCONNECT with reason code 0x8E
 * (session taken over). Published once; the conflict holds, and health is {@code DOWN}, until
 * a connection lasts {@code mqtt.reconnect.stable-after}.
 *
 * @author mqtt-spring-boot-starter
 */
public class MqttClientIdConflictEvent extends MqttClientEvent {

	private final String clientId;

	private final String description;

	/**
	 * Creates the event.
	 * @param client the client
	 * @param clientId the client id in conflict
	 * @param description what the client saw and what to do
	 */
	public MqttClientIdConflictEvent(ManagedMqttClient client, String clientId, String description) {
		super(client);
		this.clientId = clientId;
		this.description = description;
	}

	/**
	 * Returns the client id in conflict.
	 * @return the MQTT client identifier
	 */
	public String getClientId() {
		return this.clientId;
	}

	/**
	 * Returns what the client saw and what to do.
	 * @return the description
	 */
	public String getDescription() {
		return this.description;
	}

}
