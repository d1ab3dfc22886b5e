package io.github.mqttboot.sample;

import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

import io.github.mqttboot.core.MqttTemplate;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Publishes a reading every second. While the broker is away the template buffers the readings
 * and sends them, in order, after the client reconnected.
 */
@Component
class SensorSimulator {

	private static final Log logger = LogFactory.getLog(SensorSimulator.class);

	private final MqttTemplate mqtt;

	private final String sensor;

	SensorSimulator(MqttTemplate mqtt, @Value("${sample.sensor:sensor-1}") String sensor) {
		this.mqtt = mqtt;
		this.sensor = sensor;
	}

	@Scheduled(fixedRateString = "${sample.interval:1s}")
	void publishReading() {
		double temperature = 20 + ThreadLocalRandom.current().nextDouble(-5, 15);
		SensorReading reading = new SensorReading(this.sensor, Math.round(temperature * 10) / 10.0, Instant.now());
		// runs on the client's callback threads, never on the connection's: a callback that blocks
		// (a database write, a remote call) delays no other message
		this.mqtt.publish("sensors/" + this.sensor + "/temperature", reading).whenComplete((result, failure) -> {
			if (failure != null) {
				logger.warn("Reading not published: " + failure.getMessage());
			}
		});
	}

}
