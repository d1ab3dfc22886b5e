package io.github.mqttboot.client;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Says that the driver dropped QoS 0 messages for lagging handlers, in at most one WARN a minute
 * with the number dropped since the last one: whatever handles the subscription (a listener, a
 * Spring Integration adapter, an application's own handler), a drop is never silent.
 *
 * @author mqtt-spring-boot-starter
 */
final class DriverDropWarnings {

	private static final Log logger = LogFactory.getLog(DriverDropWarnings.class);

	private static final long INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

	private final String clientName;

	private final AtomicLong unreported = new AtomicLong();

	private final AtomicLong nextWarning = new AtomicLong(System.nanoTime());

	DriverDropWarnings(String clientName) {
		this.clientName = clientName;
	}

	/** One QoS 0 message dropped by the driver, on its reading thread. */
	void dropped() {
		this.unreported.incrementAndGet();
		long now = System.nanoTime();
		long due = this.nextWarning.get();
		if (now - due >= 0 && this.nextWarning.compareAndSet(due, now + INTERVAL_NANOS)) {
			logger.warn("MQTT client '" + this.clientName + "' dropped " + this.unreported.getAndSet(0)
					+ " QoS 0 message(s) since the last warning: they arrived while its handlers lagged by more "
					+ "messages than the driver holds for them");
		}
	}

}
