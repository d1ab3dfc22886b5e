package io.github.mqttboot.actuate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.github.mqttboot.actuate.MqttListenersView.ListenerDescription;
import io.github.mqttboot.client.ClientState;
import io.github.mqttboot.client.ManagedMqttClient;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.util.Assert;

/**
 * {@link HealthIndicator} for a {@link ManagedMqttClient}: {@code UP} while connected or
 * (re)connecting within the grace period, {@code DOWN} after it and during a probable client id
 * conflict, {@code OUT_OF_SERVICE} when stopped.
 *
 * @author mqtt-spring-boot-starter
 * @since 0.1.0
 */
public class MqttHealthIndicator implements HealthIndicator {

	private final ManagedMqttClient client;

	private final Duration gracePeriod;

	private final Clock clock;

	private final Supplier<List<ListenerDescription>> listeners;

	/**
	 * Creates an indicator.
	 * @param client the client
	 * @param gracePeriod how long the client may be connecting or reconnecting before it is
	 * {@code DOWN}, counted from the start or from the loss of the connection
	 */
	public MqttHealthIndicator(ManagedMqttClient client, Duration gracePeriod) {
		this(client, gracePeriod, List::of);
	}

	/**
	 * Creates an indicator that is also {@code DOWN} while a listener that should run is
	 * stalled, refused or stopped.
	 * @param client the client
	 * @param gracePeriod how long the client may be connecting or reconnecting before it is
	 * {@code DOWN}
	 * @param listeners the client's listeners
	 */
	public MqttHealthIndicator(ManagedMqttClient client, Duration gracePeriod,
			Supplier<List<ListenerDescription>> listeners) {
		this(client, gracePeriod, listeners, Clock.systemUTC());
	}

	MqttHealthIndicator(ManagedMqttClient client, Duration gracePeriod, Supplier<List<ListenerDescription>> listeners,
			Clock clock) {
		Assert.notNull(client, "'client' must not be null");
		Assert.notNull(gracePeriod, "'gracePeriod' must not be null");
		this.client = client;
		this.gracePeriod = gracePeriod;
		this.listeners = listeners;
		this.clock = clock;
	}

	// no withException(...): Boot would render the exception's message unsanitized
	@Override
	public Health health() {
		List<ListenerDescription> listeners = this.listeners.get();
		Map<String, Object> details = ClientDetails.describe(this.client);
		if (!listeners.isEmpty()) {
			Map<String, String> states = new LinkedHashMap<>();
			listeners.forEach((listener) -> states.put(listener.id(), listener.state()));
			details.put("listeners", states);
		}
		Status status = status();
		List<String> failing = listeners.stream().filter(ListenerDescription::failing).map(ListenerDescription::id).toList();
		if (Status.UP.equals(status) && !failing.isEmpty()) {
			status = Status.DOWN;
			details.put("failingListeners", failing);
		}
		return Health.status(status).withDetails(details).build();
	}

	private Status status() {
		ClientState state = this.client.getState();
		// a conflict is a loop of connects and losses: no grace period, and connected is no cure
		boolean conflict = this.client.isClientIdConflict();
		return switch (state) {
			case CONNECTED -> conflict ? Status.DOWN : Status.UP;
			case CONNECTING, RECONNECTING ->
				(!conflict && withinGracePeriod(this.client.getStateSince())) ? Status.UP : Status.DOWN;
			case STOPPED, STOPPING -> Status.OUT_OF_SERVICE;
		};
	}

	private boolean withinGracePeriod(Instant since) {
		return Duration.between(since, this.clock.instant()).compareTo(this.gracePeriod) <= 0;
	}

}
