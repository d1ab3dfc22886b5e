package io.github.mqttboot.autoconfigure;

import java.time.Duration;

/**
 * Reconnect properties ({@code mqtt.reconnect.*}): the supervisor's backoff. Paho's own
 * automatic reconnect is never used.
 *
 * @author mqtt-spring-boot-starter
 */
public class MqttReconnectProperties {

	/**
	 * Delay before the first reconnect attempt.
	 */
	private Duration initialDelay = Duration.ofSeconds(1);

	/**
	 * Longest delay between reconnect attempts.
	 */
	private Duration maxDelay = Duration.ofSeconds(30);

	/**
	 * Factor applied to the delay after each failed round of attempts.
	 */
	private double multiplier = 2.0;

	/**
	 * Fraction of each delay that is randomised, from 0 to 1.
	 */
	private double jitter = 0.5;

	/**
	 * How long a connection must last before the reconnect backoff starts over.
	 */
	private Duration stableAfter = Duration.ofSeconds(10);

	public Duration getInitialDelay() {
		return this.initialDelay;
	}

	public void setInitialDelay(Duration initialDelay) {
		this.initialDelay = initialDelay;
	}

	public Duration getMaxDelay() {
		return this.maxDelay;
	}

	public void setMaxDelay(Duration maxDelay) {
		this.maxDelay = maxDelay;
	}

	public double getMultiplier() {
		return this.multiplier;
	}

	public void setMultiplier(double multiplier) {
		this.multiplier = multiplier;
	}

	public double getJitter() {
		return this.jitter;
	}

	public void setJitter(double jitter) {
		this.jitter = jitter;
	}

	public Duration getStableAfter() {
		return this.stableAfter;
	}

	public void setStableAfter(Duration stableAfter) {
		this.stableAfter = stableAfter;
	}

}
