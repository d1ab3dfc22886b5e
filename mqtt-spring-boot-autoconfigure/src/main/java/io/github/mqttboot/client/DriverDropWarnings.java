package io.github.mqttboot.client;

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

	private final String clientName;

	private final OncePerMinute drops = new OncePerMinute();

	DriverDropWarnings(String clientName) {
		this.clientName = clientName;
	}

	/** One QoS 0 message dropped by the driver, on its reading thread. */
	void dropped() {
		long dropped = this.drops.occurred();
		if (dropped > 0) {
			logger.warn("MQTT client '" + this.clientName + "' dropped " + dropped
					+ " QoS 0 message(s) since the last warning: they arrived while its handlers lagged by more "
					+ "messages than the driver holds for them, or were still held for them when their connection "
					+ "ended");
		}
	}

}
