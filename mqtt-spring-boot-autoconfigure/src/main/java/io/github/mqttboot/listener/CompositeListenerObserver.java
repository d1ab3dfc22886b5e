package io.github.mqttboot.listener;

import java.util.List;

/**
 * Tells every {@link MqttListenerObserver} bean, in order; resolved once, because the observers
 * are called for every message.
 *
 * @author mqtt-spring-boot-starter
 * @since 0.1.0
 */
public final class CompositeListenerObserver implements MqttListenerObserver {

	private final List<MqttListenerObserver> observers;

	/**
	 * Creates an observer that tells the given ones.
	 * @param observers the observers, in order
	 */
	public CompositeListenerObserver(List<MqttListenerObserver> observers) {
		this.observers = List.copyOf(observers);
	}

	@Override
	public void registered(String listenerId) {
		this.observers.forEach((each) -> each.registered(listenerId));
	}

	@Override
	public void received(String listenerId, int qos) {
		this.observers.forEach((each) -> each.received(listenerId, qos));
	}

	@Override
	public void handled(String listenerId, boolean success, long nanos) {
		this.observers.forEach((each) -> each.handled(listenerId, success, nanos));
	}

	@Override
	public void retried(String listenerId) {
		this.observers.forEach((each) -> each.retried(listenerId));
	}

	@Override
	public void dropped(String listenerId, String reason) {
		this.observers.forEach((each) -> each.dropped(listenerId, reason));
	}

	@Override
	public void stalled(String listenerId, String description) {
		this.observers.forEach((each) -> each.stalled(listenerId, description));
	}

	@Override
	public void recovered(String listenerId) {
		this.observers.forEach((each) -> each.recovered(listenerId));
	}

	@Override
	public void subscriptionRefused(String listenerId, String filter, int reasonCode) {
		this.observers.forEach((each) -> each.subscriptionRefused(listenerId, filter, reasonCode));
	}

}
