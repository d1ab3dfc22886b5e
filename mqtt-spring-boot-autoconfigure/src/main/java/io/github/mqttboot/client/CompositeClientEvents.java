package io.github.mqttboot.client;

import java.util.List;

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
	public void connectionLost() {
		this.listeners.forEach(MqttClientEvents::connectionLost);
	}

	@Override
	public void subscribed(String filter, int reasonCode) {
		this.listeners.forEach((listener) -> listener.subscribed(filter, reasonCode));
	}

	@Override
	public void published(int qos, boolean success, long nanos) {
		this.listeners.forEach((listener) -> listener.published(qos, success, nanos));
	}

}
