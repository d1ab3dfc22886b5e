package io.github.mqttboot.listener;

/**
 * What a listener is doing, as health and the {@code mqtt} endpoint show it.
 *
 * @author mqtt-spring-boot-starter
 * @since 0.1.0
 */
public enum ListenerState {

	/** Subscribed and handling messages. */
	RUNNING,

	/** Paused on purpose: subscribed, its messages wait until it is resumed. */
	PAUSED,

	/**
	 * Making no progress: its hand-off has had work and no message was taken from it, or one
	 * handler call has been running, for longer than {@code mqtt.listener.stall-timeout}.
	 */
	STALLED,

	/** The broker refused one of its subscriptions: it receives nothing from that filter. */
	REFUSED,

	/** Not running: stopped, or its worker ended. */
	STOPPED

}
