package io.github.mqttboot.event;

import io.github.mqttboot.client.ManagedMqttClient;

/**
 * An {@code @MqttListener} makes no progress: its hand-off has had work and none was taken, or
 * one handler call has been running, for longer than {@code mqtt.listener.stall-timeout}.
 *
 * @author mqtt-spring-boot-starter
 */
public class MqttListenerStalledEvent extends MqttListenerEvent {

	private final String description;

	/**
	 * Creates the event.
	 * @param client the listener's client
	 * @param listenerId the listener's id
	 * @param description what is stuck
	 */
	public MqttListenerStalledEvent(ManagedMqttClient client, String listenerId, String description) {
		super(client, listenerId);
		this.description = description;
	}

	/**
	 * Returns what is stuck, in words.
	 * @return the description
	 */
	public String getDescription() {
		return this.description;
	}

}
