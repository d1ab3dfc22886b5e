package io.github.mqttboot.client;

/**
 * Lifecycle states of a {@link ManagedMqttClient}.
 *
 * @author mqtt-spring-boot-starter
 * @since 0.1.0
 */
public enum ClientState {

	/** Not started, or stopped: no connection and no thread owned. */
	STOPPED,

	/** Started and not yet connected for the first time. */
	CONNECTING,

	/** Connected to a broker. */
	CONNECTED,

	/** The connection was lost; the supervisor is trying to establish it again. */
	RECONNECTING,

	/** Draining work and disconnecting. */
	STOPPING

}
