package io.github.mqttboot.listener;

/**
 * Told of each message a listener receives and handles, for meters. Called on listener threads
 * and the connection's reading thread: must be quick. What it throws is logged, and the message
 * goes on.
 *
 * @author mqtt-spring-boot-starter
 * @since 0.1.0
 */
public interface MqttListenerObserver {

	/** Observes nothing. */
	MqttListenerObserver NONE = new MqttListenerObserver() {
	};

	/**
	 * Whether this observer wants the listeners of a client; an observer of one client's
	 * listeners (its meters, its events) answers for that client only.
	 * @param clientName the client's name ({@code ManagedMqttClient.getName()})
	 * @return {@code true} to be told of the client's listeners; by default for every client
	 */
	default boolean observes(String clientName) {
		return true;
	}

	/**
	 * A listener was registered; meters can be created before its first message.
	 * @param listenerId the listener
	 */
	default void registered(String listenerId) {
	}

	/**
	 * A message was handed to a listener.
	 * @param listenerId the listener
	 * @param qos the QoS it arrived with
	 */
	default void received(String listenerId, int qos) {
	}

	/**
	 * The broker refused one of a listener's subscriptions.
	 * @param listenerId the listener
	 * @param filter the topic filter
	 * @param reasonCode the SUBACK reason code (0x80 or more)
	 */
	default void subscriptionRefused(String listenerId, String filter, int reasonCode) {
	}

	/**
	 * A listener finished with a message.
	 * @param listenerId the listener
	 * @param success whether the method returned normally
	 * @param nanos how long it took
	 */
	default void handled(String listenerId, boolean success, long nanos) {
	}

	/**
	 * A message failed and will be tried again after a backoff.
	 * @param listenerId the listener
	 */
	default void retried(String listenerId) {
	}

	/**
	 * A message was dropped before the listener got it.
	 * @param listenerId the listener
	 * @param reason why, for example {@code overflow} for a QoS 0 message into a full hand-off
	 */
	default void dropped(String listenerId, String reason) {
	}

	/**
	 * A listener stopped making progress (see {@link ListenerState#STALLED}).
	 * @param listenerId the listener
	 * @param description what is stuck, for a log line or an event
	 */
	default void stalled(String listenerId, String description) {
	}

	/**
	 * A stalled listener makes progress again.
	 * @param listenerId the listener
	 */
	default void recovered(String listenerId) {
	}

}
