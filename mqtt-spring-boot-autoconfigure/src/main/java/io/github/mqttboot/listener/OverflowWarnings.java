package io.github.mqttboot.listener;

import io.github.mqttboot.client.OncePerMinute;
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

	private final String listenerId;

	private final MqttListenerObserver observer;

	private final OncePerMinute drops = new OncePerMinute();

	OverflowWarnings(String listenerId, MqttListenerObserver observer) {
		this.listenerId = listenerId;
		this.observer = observer;
	}

	/** One QoS 0 message dropped, on the reading thread. */
	void dropped() {
		this.observer.dropped(this.listenerId, "overflow");
		long dropped = this.drops.occurred();
		if (dropped > 0) {
			logger.warn("Listener '" + this.listenerId + "' is full: dropped " + dropped
					+ " QoS 0 message(s) since the last warning (see mqtt.listener.qos0-overflow; "
					+ "mqtt.messages.dropped counts them all)");
		}
	}

}
