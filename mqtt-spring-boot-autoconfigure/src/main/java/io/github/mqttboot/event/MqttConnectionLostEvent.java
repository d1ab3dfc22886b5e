package io.github.mqttboot.event;

import io.github.mqttboot.client.ManagedMqttClient;

/**
 * The client lost an established connection; it reconnects on its own.
 *
 * @author mqtt-spring-boot-starter
 */
public class MqttConnectionLostEvent extends MqttClientEvent {

	private final Throwable cause;

	/**
	 * Creates the event.
	 * @param client the client
	 * @param cause why the connection was lost
	 */
	public MqttConnectionLostEvent(ManagedMqttClient client, Throwable cause) {
		super(client);
		this.cause = cause;
	}

	/**
	 * Returns why the connection was lost: a {@code MqttDisconnectedException} with the reason
	 * code when the broker said why (MQTT 5), else what the library reported.
	 * @return the cause
	 */
	public Throwable getCause() {
		return this.cause;
	}

}
