package io.github.mqttboot.sample;

import java.util.concurrent.atomic.AtomicLong;

import io.github.mqttboot.annotation.MqttListener;
import io.github.mqttboot.annotation.TopicVariable;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.messaging.handler.annotation.SendTo;
import org.springframework.stereotype.Component;

/**
 * Listens to every sensor's readings. The client restores the subscriptions after each
 * reconnect; each listener runs on its own worker, so a slow one never stalls the connection.
 */
@Component
class ReadingListeners {

	private static final Log logger = LogFactory.getLog(ReadingListeners.class);

	private final AtomicLong received = new AtomicLong();

	/** JSON into a record, the sensor id from the topic template. */
	@MqttListener(id = "readings", topics = "sensors/{sensor}/temperature")
	void onReading(SensorReading reading, @TopicVariable String sensor) {
		this.received.incrementAndGet();
		logger.info("Received from " + sensor + ": " + reading.temperature() + " C at " + reading.timestamp());
	}

	/** A shared subscription: run several instances and each alert is handled by one of them. */
	@MqttListener(id = "alerts", topics = "sensors/+/temperature", group = "alerting")
	@SendTo("alerts/temperature")
	String onPossibleAlert(SensorReading reading) {
		return (reading.temperature() > 30) ? reading.sensor() + " is hot: " + reading.temperature() + " C" : null;
	}

	/** Logs the alerts the listener above publishes. */
	@MqttListener(id = "alert-log", topics = "alerts/temperature")
	void onAlert(String alert) {
		logger.warn("Alert: " + alert);
	}

	long received() {
		return this.received.get();
	}

}
