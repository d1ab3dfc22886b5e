package io.github.mqttboot.event;

import io.github.mqttboot.client.ManagedMqttClient;

import org.springframework.context.ApplicationEvent;

/**
 * Something that happened to a {@link ManagedMqttClient}, its source. Published by
 * {@link MqttEventBridge} on the client's {@code events} thread, in the order it happened.
 *
 * @author mqtt-spring-boot-starter
 */
public abstract class MqttClientEvent extends ApplicationEvent {

	private final String clientName;

	/**
	 * Creates an event.
	 * @param client the client it happened to
	 */
	protected MqttClientEvent(ManagedMqttClient client) {
		super(client);
		this.clientName = client.getName();
	}

	/**
	 * Returns the client the event happened to.
	 * @return the client
	 */
	public ManagedMqttClient getClient() {
		return (ManagedMqttClient) getSource();
	}

	/**
	 * Returns the client's name: its bean name, as in its thread names and the {@code client}
	 * tag of its meters.
	 * @return the name
	 */
	public String getClientName() {
		return this.clientName;
	}

}
