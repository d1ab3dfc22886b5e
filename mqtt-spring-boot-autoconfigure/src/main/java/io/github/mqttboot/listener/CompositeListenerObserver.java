package io.github.mqttboot.listener;

import java.util.List;
import java.util.function.Consumer;

import io.github.mqttboot.client.OncePerMinute;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Tells every {@link MqttListenerObserver} bean, in order; resolved once, because the observers
 * are called for every message. An observer that throws is logged (one ERROR a minute) and the
 * others are still told: its failure never holds a message back, which would leave it
 * unacknowledged and take a place in the broker's window for good.
 *
 * @author mqtt-spring-boot-starter
 * @since 0.1.0
 */
public final class CompositeListenerObserver implements MqttListenerObserver {

	private static final Log logger = LogFactory.getLog(CompositeListenerObserver.class);

	/** An array: looped over for every message without an iterator or a lambda. */
	private final MqttListenerObserver[] observers;

	private final OncePerMinute failures = new OncePerMinute();

	/**
	 * Creates an observer that tells the given ones.
	 * @param observers the observers, in order
	 */
	public CompositeListenerObserver(List<MqttListenerObserver> observers) {
		this.observers = observers.toArray(MqttListenerObserver[]::new);
	}

	@Override
	public void registered(String listenerId) {
		tellEach((each) -> each.registered(listenerId));
	}

	@Override
	public void received(String listenerId, int qos) {
		for (MqttListenerObserver each : this.observers) {
			try {
				each.received(listenerId, qos);
			}
			catch (Throwable ex) {
				failed(each, ex);
			}
		}
	}

	@Override
	public void handled(String listenerId, boolean success, long nanos) {
		for (MqttListenerObserver each : this.observers) {
			try {
				each.handled(listenerId, success, nanos);
			}
			catch (Throwable ex) {
				failed(each, ex);
			}
		}
	}

	@Override
	public void retried(String listenerId) {
		tellEach((each) -> each.retried(listenerId));
	}

	@Override
	public void dropped(String listenerId, String reason) {
		tellEach((each) -> each.dropped(listenerId, reason));
	}

	@Override
	public void stalled(String listenerId, String description) {
		tellEach((each) -> each.stalled(listenerId, description));
	}

	@Override
	public void recovered(String listenerId) {
		tellEach((each) -> each.recovered(listenerId));
	}

	@Override
	public void subscriptionRefused(String listenerId, String filter, int reasonCode) {
		tellEach((each) -> each.subscriptionRefused(listenerId, filter, reasonCode));
	}

	/** For what happens at most once per message's retry or a listener's change of state. */
	private void tellEach(Consumer<MqttListenerObserver> call) {
		for (MqttListenerObserver each : this.observers) {
			try {
				call.accept(each);
			}
			catch (Throwable ex) {
				failed(each, ex);
			}
		}
	}

	private void failed(MqttListenerObserver observer, Throwable failure) {
		if (failure instanceof OutOfMemoryError error) {
			throw error;
		}
		long failed = this.failures.occurred();
		if (failed == 0) {
			return;
		}
		long skipped = failed - 1;
		logger.error("MqttListenerObserver " + observer.getClass().getName() + " failed; the message goes on"
				+ ((skipped > 0) ? " (" + skipped + " more observer failure(s) in the last minute were not logged)" : ""),
				failure);
	}

}
