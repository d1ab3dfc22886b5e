package io.github.mqttboot.client;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import io.github.mqttboot.client.driver.ConnectionInfo;

/**
 * Tells every registered {@link MqttClientEvents} listener, in order of registration.
 *
 * @author mqtt-spring-boot-starter
 */
final class CompositeClientEvents implements MqttClientEvents {

	private final List<MqttClientEvents> listeners;

	/**
	 * Creates the composite.
	 * @param listeners the live list of listeners (a copy-on-write list)
	 */
	CompositeClientEvents(List<MqttClientEvents> listeners) {
		this.listeners = listeners;
	}

	@Override
	public void connectAttempt(boolean success) {
		this.listeners.forEach((listener) -> listener.connectAttempt(success));
	}

	@Override
	public void connected(ConnectionInfo info) {
		this.listeners.forEach((listener) -> listener.connected(info));
	}

	@Override
	public void connectFailed(URI serverUri, Throwable cause, int attempt, Duration nextDelay) {
		this.listeners.forEach((listener) -> listener.connectFailed(serverUri, cause, attempt, nextDelay));
	}

	@Override
	public void connectionLost(Throwable cause) {
		this.listeners.forEach((listener) -> listener.connectionLost(cause));
	}

	@Override
	public void connectionLost() {
		this.listeners.forEach(MqttClientEvents::connectionLost);
	}

	@Override
	public void conflict(String clientId, String description) {
		this.listeners.forEach((listener) -> listener.conflict(clientId, description));
	}

	@Override
	public void subscribed(String filter, int reasonCode) {
		this.listeners.forEach((listener) -> listener.subscribed(filter, reasonCode));
	}

	@Override
	public void messageDropped(String topic) {
		this.listeners.forEach((listener) -> listener.messageDropped(topic));
	}

	@Override
	public void published(int qos, boolean success, long nanos) {
		this.listeners.forEach((listener) -> listener.published(qos, success, nanos));
	}

	@Override
	public void stopped(long deadlineNanos) {
		this.listeners.forEach((listener) -> listener.stopped(deadlineNanos));
	}

}
