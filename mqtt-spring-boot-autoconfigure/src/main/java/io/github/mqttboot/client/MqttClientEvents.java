package io.github.mqttboot.client;

import java.net.URI;
import java.time.Duration;

import io.github.mqttboot.client.driver.ConnectionInfo;

/**
 * Callbacks for what a client does, for meters, observers and application events. Called on the
 * client's threads (mostly its supervisor thread, which owns the connection): implementations
 * must be quick and must not block. What one throws is logged and changes nothing the client
 * does.
 *
 * @author mqtt-spring-boot-starter
 * @since 0.1.0
 */
public interface MqttClientEvents {

	/**
	 * A connection attempt ended.
	 * @param success whether the broker accepted it
	 */
	default void connectAttempt(boolean success) {
	}

	/**
	 * The client is connected: the broker accepted it and its subscriptions are restored.
	 * @param info what the broker said in CONNACK
	 */
	default void connected(ConnectionInfo info) {
	}

	/**
	 * A connection attempt failed.
	 * @param serverUri the broker of the attempt
	 * @param cause why
	 * @param attempt failed attempts since the last connect, this one included
	 * @param nextDelay when the next attempt starts: zero when it tries the next server URI
	 */
	default void connectFailed(URI serverUri, Throwable cause, int attempt, Duration nextDelay) {
	}

	/**
	 * An established connection was lost; by default, {@link #connectionLost()}.
	 * @param cause why: {@link MqttDisconnectedException} when the broker said why
	 */
	default void connectionLost(Throwable cause) {
		connectionLost();
	}

	/**
	 * An established connection was lost, for listeners that need no cause.
	 */
	default void connectionLost() {
	}

	/**
	 * The client found a probable client id conflict: another client connects with the same
	 * client id and the broker ends one connection for the other. Told once until a connection
	 * lasts {@code mqtt.reconnect.stable-after} again.
	 * @param clientId the client id in conflict
	 * @param description what was seen and what to do
	 */
	default void conflict(String clientId, String description) {
	}

	/**
	 * The broker answered a SUBSCRIBE for a filter.
	 * @param filter the topic filter
	 * @param reasonCode the SUBACK reason code: the granted QoS, or 0x80 and more for a refusal
	 */
	default void subscribed(String filter, int reasonCode) {
	}

	/**
	 * The driver dropped a QoS 0 message instead of dispatching it: it arrived while the
	 * client's handlers lagged by more messages than the driver holds for them. Called on the
	 * driver's reading thread.
	 * @param topic the topic of the message
	 */
	default void messageDropped(String topic) {
	}

	/**
	 * A publish ended.
	 * @param qos its QoS
	 * @param success whether it was delivered
	 * @param nanos from the call to its acknowledgement
	 */
	default void published(int qos, boolean success, long nanos) {
	}

	/**
	 * The client stopped: its connection is closed and no event follows until it starts again.
	 * A listener that runs work on the client's threads ends it here, so that the client can
	 * check that none of its threads outlives it.
	 * @param deadlineNanos the {@link System#nanoTime()} by which to be done
	 */
	default void stopped(long deadlineNanos) {
	}

}
