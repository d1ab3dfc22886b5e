package io.github.mqttboot.client;

/**
 * Told of every state change of a {@link ManagedMqttClient}. Called on the thread that changes
 * the state, mostly the client's supervisor thread: must be quick. What it throws is logged and
 * changes nothing the client does.
 *
 * @author mqtt-spring-boot-starter
 * @since 0.1.0
 */
@FunctionalInterface
public interface ClientStateListener {

	/**
	 * The state changed.
	 * @param previous the state before
	 * @param current the state now
	 */
	void stateChanged(ClientState previous, ClientState current);

}
