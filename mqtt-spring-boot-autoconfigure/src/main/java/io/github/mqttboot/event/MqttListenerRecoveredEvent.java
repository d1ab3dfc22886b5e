package io.github.mqttboot.event;

import io.github.mqttboot.client.ManagedMqttClient;

/**
 * A stalled {@code @MqttListener} makes progress again.
 *
 * @author mqtt-spring-boot-starter
 */
public class MqttListenerRecoveredEvent extends MqttListenerEvent {

	/**
	 * Creates the event.
	 * @param client the listener's client
	 * @param listenerId the listener's id
	 */
	public MqttListenerRecoveredEvent(ManagedMqttClient client, String listenerId) {
		super(client, listenerId);
	}

}
