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

	/** An array: looped over for every message without an iterator or a lambda. */
	private final MqttListenerObserver[] observers;

	/**
	 * Creates an observer that tells the given ones.
	 * @param observers the observers, in order
	 */
	public CompositeListenerObserver(List<MqttListenerObserver> observers) {
		this.observers = observers.toArray(MqttListenerObserver[]::new);
	}

	@Override
	public void registered(String listenerId) {
		for (MqttListenerObserver each : this.observers) {
			each.registered(listenerId);
		}
	}

	@Override
	public void received(String listenerId, int qos) {
		for (MqttListenerObserver each : this.observers) {
			each.received(listenerId, qos);
		}
	}

	@Override
	public void handled(String listenerId, boolean success, long nanos) {
		for (MqttListenerObserver each : this.observers) {
			each.handled(listenerId, success, nanos);
		}
	}

	@Override
	public void retried(String listenerId) {
		for (MqttListenerObserver each : this.observers) {
			each.retried(listenerId);
		}
	}

	@Override
	public void dropped(String listenerId, String reason) {
		for (MqttListenerObserver each : this.observers) {
			each.dropped(listenerId, reason);
		}
	}

	@Override
	public void stalled(String listenerId, String description) {
		for (MqttListenerObserver each : this.observers) {
			each.stalled(listenerId, description);
		}
	}

	@Override
	public void recovered(String listenerId) {
		for (MqttListenerObserver each : this.observers) {
			each.recovered(listenerId);
		}
	}

	@Override
	public void subscriptionRefused(String listenerId, String filter, int reasonCode) {
		for (MqttListenerObserver each : this.observers) {
			each.subscriptionRefused(listenerId, filter, reasonCode);
		}
	}

}
