package io.github.mqttboot.event;

import io.github.mqttboot.client.ManagedMqttClient;

/**
 * Something that happened to one {@code @MqttListener} of a client.
 *
 * @author mqtt-spring-boot-starter
 */
public abstract class MqttListenerEvent extends MqttClientEvent {

	private final String listenerId;

	/**
	 * Creates an event.
	 * @param client the listener's client
	 * @param listenerId the listener's id
	 */
	protected MqttListenerEvent(ManagedMqttClient client, String listenerId) {
		super(client);
		this.listenerId = listenerId;
	}

	/**
	 * Returns the listener's id.
	 * @return the id
	 */
	public String getListenerId() {
		return this.listenerId;
	}

}
