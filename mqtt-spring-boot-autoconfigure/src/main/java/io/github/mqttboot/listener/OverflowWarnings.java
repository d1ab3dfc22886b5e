package io.github.mqttboot.listener;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Counts the QoS 0 messages a listener's full hand-off dropped, and says so in at most one WARN
 * a minute, with the number dropped since the last one: a flood must not flood the log too.
 *
 * @author mqtt-spring-boot-starter
 */
final class OverflowWarnings {

	private static final Log logger = LogFactory.getLog(OverflowWarnings.class);

	private static final long INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

	private final String listenerId;

	private final MqttListenerObserver observer;

	private final AtomicLong unreported = new AtomicLong();

	private final AtomicLong nextWarning = new AtomicLong(System.nanoTime());

	OverflowWarnings(String listenerId, MqttListenerObserver observer) {
		this.listenerId = listenerId;
		this.observer = observer;
	}

	/** One QoS 0 message dropped, on the reading thread. */
	void dropped() {
		this.observer.dropped(this.listenerId, "overflow");
		this.unreported.incrementAndGet();
		long now = System.nanoTime();
		long due = this.nextWarning.get();
		if (now - due >= 0 && this.nextWarning.compareAndSet(due, now + INTERVAL_NANOS)) {
			logger.warn("Listener '" + this.listenerId + "' is full: dropped " + this.unreported.getAndSet(0)
					+ " QoS 0 message(s) since the last warning (see mqtt.listener.qos0-overflow; "
					+ "mqtt.messages.dropped counts them all)");
		}
	}

}
