package io.github.mqttboot.client;

import java.util.concurrent.ThreadLocalRandom;

import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Delays between reconnect rounds: spring-core's exponential backoff, of which a fraction
 * ({@code mqtt.reconnect.jitter}) is randomised so that many clients do not reconnect in step.
 * Unlike Paho's, the state is per client.
 *
 * @author mqtt-spring-boot-starter
 */
final class ReconnectDelays {

	private final BackOffExecution backOff;

	private final double jitter;

	ReconnectDelays(MqttClientSettings settings) {
		ExponentialBackOff exponential = new ExponentialBackOff(settings.getReconnectInitialDelay().toMillis(),
				settings.getReconnectMultiplier());
		exponential.setMaxInterval(settings.getReconnectMaxDelay().toMillis());
		this.backOff = exponential.start();
		this.jitter = Math.min(1.0, Math.max(0.0, settings.getReconnectJitter()));
	}

	/**
	 * Returns the next delay.
	 * @return milliseconds
	 */
	long next() {
		long delay = this.backOff.nextBackOff();
		long randomised = (long) (delay * this.jitter);
		return delay - randomised + ((randomised > 0) ? ThreadLocalRandom.current().nextLong(randomised + 1) : 0);
	}

}
