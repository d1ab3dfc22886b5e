package io.github.mqttboot.actuate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.github.mqttboot.client.ClientState;
import io.github.mqttboot.client.ManagedMqttClient;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.util.Assert;

/**
 * {@link HealthIndicator} for a {@link ManagedMqttClient}: {@code UP} while connected or
 * (re)connecting within the grace period, {@code DOWN} after it, {@code OUT_OF_SERVICE} when
 * stopped.
 *
 * @author mqtt-spring-boot-starter
 */
public class MqttHealthIndicator implements HealthIndicator {

	private final ManagedMqttClient client;

	private final Duration gracePeriod;

	private final Clock clock;

	/**
	 * Creates an indicator.
	 * @param client the client
	 * @param gracePeriod how long the client may be connecting or reconnecting before it is
	 * {@code DOWN}, counted from the start or from the loss of the connection
	 */
	public MqttHealthIndicator(ManagedMqttClient client, Duration gracePeriod) {
		this(client, gracePeriod, Clock.systemUTC());
	}

	MqttHealthIndicator(ManagedMqttClient client, Duration gracePeriod, Clock clock) {
		Assert.notNull(client, "'client' must not be null");
		Assert.notNull(gracePeriod, "'gracePeriod' must not be null");
		this.client = client;
		this.gracePeriod = gracePeriod;
		this.clock = clock;
	}

	// no withException(...): Boot would render the exception's message unsanitized
	@Override
	public Health health() {
		return Health.status(status()).withDetails(ClientDetails.describe(this.client)).build();
	}

	private Status status() {
		ClientState state = this.client.getState();
		return switch (state) {
			case CONNECTED -> Status.UP;
			case CONNECTING, RECONNECTING -> withinGracePeriod(this.client.getStateSince()) ? Status.UP : Status.DOWN;
			case STOPPED, STOPPING -> Status.OUT_OF_SERVICE;
		};
	}

	private boolean withinGracePeriod(Instant since) {
		return Duration.between(since, this.clock.instant()).compareTo(this.gracePeriod) <= 0;
	}

}
