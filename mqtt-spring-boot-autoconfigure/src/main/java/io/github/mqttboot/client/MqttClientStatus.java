package io.github.mqttboot.client;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.github.mqttboot.client.driver.ConnectionInfo;

/**
 * What a client shows of itself without being able to change anything: its state, its last
 * failure, and what it owns and holds. Health, metrics and the endpoint read it.
 *
 * @author mqtt-spring-boot-starter
 * @since 0.1.0
 */
public interface MqttClientStatus {

	/**
	 * Returns the client's name: its bean name, the {@code client} tag of its meters.
	 * @return the name
	 */
	String getName();

	/**
	 * Returns the MQTT client identifier.
	 * @return the client id
	 */
	String getClientId();

	/**
	 * Returns the client's state.
	 * @return the state
	 */
	ClientState getState();

	/**
	 * Returns whether the client is connected.
	 * @return whether the state is {@link ClientState#CONNECTED}
	 */
	boolean isConnected();

	/**
	 * Returns when the client entered its current state.
	 * @return the instant
	 */
	Instant getStateSince();

	/**
	 * Returns the last connection failure or loss.
	 * @return the failure, or {@code null} since the last connect
	 */
	Throwable getLastError();

	/**
	 * Whether the client sees a probable client id conflict: another client connects with the
	 * same client id, and the broker ends one connection for the other. It holds until a
	 * connection lasts {@code mqtt.reconnect.stable-after}.
	 * @return {@code true} during a probable conflict
	 */
	boolean isClientIdConflict();

	/**
	 * Returns what the client saw of a probable client id conflict and what to do.
	 * @return the description, or {@code null} when there is no conflict
	 */
	String getClientIdConflict();

	/**
	 * Returns the failed connection attempts since the last connect.
	 * @return the attempts
	 */
	int getReconnectAttempts();

	/**
	 * Returns what the broker of the current or last connection said in CONNACK.
	 * @return the broker's limits and session flag, or {@code null} before the first connect
	 */
	ConnectionInfo getConnectionInfo();

	/**
	 * Returns the filters the broker refused in its last SUBACK for them.
	 * @return the refused filters, each with its reason code
	 */
	Map<String, Integer> getRefusedSubscriptions();

	/**
	 * Returns the subscriptions the client holds and restores after every reconnect.
	 * @return the subscriptions
	 */
	List<Subscription> getSubscriptions();

	/**
	 * Returns the live threads this client created and owns, as the
	 * {@code mqtt.client.threads} gauge.
	 * @return the count
	 */
	int getThreadCount();

	/**
	 * Returns the live threads this client owns.
	 * @return the threads, named {@code mqtt-<client>-<role>-<n>}
	 */
	List<Thread> getOwnedThreads();

	/**
	 * Returns the work handed to the client's workers and not finished, as the
	 * {@code mqtt.client.workers.pending} gauge.
	 * @return the count
	 */
	int getPendingWorkCount();

	/**
	 * Returns the threads of ended connections that are still alive.
	 * @return the count; more than 0 means something leaked
	 */
	int getStrandedThreads();

	/**
	 * Returns the publishes handed to the connection and not yet acknowledged, as the
	 * {@code mqtt.client.inflight} gauge.
	 * @return the count
	 */
	int getInflight();

	/**
	 * Returns the publishes waiting to be sent, as the {@code mqtt.client.buffered} gauge.
	 * @return the count
	 */
	int getBuffered();

}
