package io.github.mqttboot.listener;

import java.time.Duration;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Supplier;

import io.github.mqttboot.client.ManagedMqttClient;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Looks at every listener a few times per stall timeout, on the client's supervisor thread, and
 * reports a listener that stalls and one that recovers: one WARN and one observer call each, not
 * one per look. It only reads: it never blocks the thread it runs on.
 *
 * @author mqtt-spring-boot-starter
 */
final class ListenerWatchdog {

	private static final Log logger = LogFactory.getLog(ListenerWatchdog.class);

	private final ManagedMqttClient client;

	private final Supplier<Collection<MqttListenerContainer>> containers;

	private final MqttListenerObserver observer;

	private final Duration stallTimeout;

	private final Set<String> stalled = ConcurrentHashMap.newKeySet();

	private ScheduledFuture<?> check;

	ListenerWatchdog(ManagedMqttClient client, Supplier<Collection<MqttListenerContainer>> containers,
			MqttListenerObserver observer, Duration stallTimeout) {
		this.client = client;
		this.containers = containers;
		this.observer = observer;
		this.stallTimeout = stallTimeout;
	}

	synchronized void start() {
		if (this.check == null) {
			long period = Math.max(50, Math.min(1000, this.stallTimeout.toMillis() / 4));
			this.check = this.client.scheduleCheck(this::check, Duration.ofMillis(period));
		}
	}

	synchronized void stop() {
		if (this.check != null) {
			this.check.cancel(false);
			this.check = null;
		}
		this.stalled.clear();
	}

	void check() {
		for (MqttListenerContainer container : this.containers.get()) {
			String id = container.getId();
			if (container.getState() == ListenerState.STALLED) {
				if (this.stalled.add(id)) {
					String description = describe(container);
					logger.warn("Listener '" + id + "' is stalled: " + description);
					this.observer.stalled(id, description);
				}
			}
			else if (this.stalled.remove(id)) {
				logger.info("Listener '" + id + "' makes progress again");
				this.observer.recovered(id);
			}
		}
	}

	private String describe(MqttListenerContainer container) {
		Duration call = container.getLongestCall();
		if (call.compareTo(this.stallTimeout) > 0) {
			return "one handler call has been running for " + call.toSeconds() + " s (mqtt.listener.stall-timeout "
					+ this.stallTimeout.toSeconds() + " s)";
		}
		return container.getQueued() + " message(s) wait in its hand-off and none was taken for longer than "
				+ "mqtt.listener.stall-timeout (" + this.stallTimeout.toSeconds() + " s)";
	}

}
