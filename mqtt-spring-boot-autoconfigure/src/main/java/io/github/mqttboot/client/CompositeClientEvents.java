package io.github.mqttboot.client;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import io.github.mqttboot.client.driver.ConnectionInfo;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Tells every registered {@link MqttClientEvents} listener, in order of registration. The client
 * tells them from its own threads in the middle of its work (a connect, a publish's completion):
 * what a listener throws is logged (one ERROR a minute) and changes nothing the client does, and
 * the other listeners are still told.
 *
 * @author mqtt-spring-boot-starter
 */
final class CompositeClientEvents implements MqttClientEvents {

	private static final Log logger = LogFactory.getLog(CompositeClientEvents.class);

	private final List<MqttClientEvents> listeners;

	private final OncePerMinute failures = new OncePerMinute();

	/**
	 * Creates the composite.
	 * @param listeners the live list of listeners (a copy-on-write list)
	 */
	CompositeClientEvents(List<MqttClientEvents> listeners) {
		this.listeners = listeners;
	}

	@Override
	public void connectAttempt(boolean success) {
		tellEach((listener) -> listener.connectAttempt(success));
	}

	@Override
	public void connected(ConnectionInfo info) {
		tellEach((listener) -> listener.connected(info));
	}

	@Override
	public void connectFailed(URI serverUri, Throwable cause, int attempt, Duration nextDelay) {
		tellEach((listener) -> listener.connectFailed(serverUri, cause, attempt, nextDelay));
	}

	@Override
	public void connectionLost(Throwable cause) {
		tellEach((listener) -> listener.connectionLost(cause));
	}

	@Override
	public void connectionLost() {
		tellEach(MqttClientEvents::connectionLost);
	}

	@Override
	public void conflict(String clientId, String description) {
		tellEach((listener) -> listener.conflict(clientId, description));
	}

	@Override
	public void subscribed(String filter, int reasonCode) {
		tellEach((listener) -> listener.subscribed(filter, reasonCode));
	}

	@Override
	public void messageDropped(String topic) {
		tellEach((listener) -> listener.messageDropped(topic));
	}

	@Override
	public void published(int qos, boolean success, long nanos) {
		tellEach((listener) -> listener.published(qos, success, nanos));
	}

	@Override
	public void stopped(long deadlineNanos) {
		tellEach((listener) -> listener.stopped(deadlineNanos));
	}

	private void tellEach(Consumer<MqttClientEvents> call) {
		for (MqttClientEvents listener : this.listeners) {
			try {
				call.accept(listener);
			}
			catch (OutOfMemoryError ex) {
				throw ex;
			}
			catch (Throwable ex) {
				failed(listener, ex);
			}
		}
	}

	private void failed(MqttClientEvents listener, Throwable failure) {
		long failed = this.failures.occurred();
		if (failed == 0) {
			return;
		}
		long skipped = failed - 1;
		logger.error("MQTT client event listener " + listener.getClass().getName() + " failed; the client goes on"
				+ ((skipped > 0) ? " (" + skipped + " more listener failure(s) in the last minute were not logged)" : ""),
				failure);
	}

}
