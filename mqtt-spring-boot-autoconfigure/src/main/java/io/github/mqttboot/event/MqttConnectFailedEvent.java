package io.github.mqttboot.event;

import java.net.URI;
import java.time.Duration;

import io.github.mqttboot.client.ManagedMqttClient;

/**
 * A connection attempt failed; the client tries again after {@link #getNextDelay()}.
 *
 * @author mqtt-spring-boot-starter
 */
public class MqttConnectFailedEvent extends MqttClientEvent {

	private final URI serverUri;

	private final Throwable cause;

	private final int attempt;

	private final Duration nextDelay;

	/**
	 * Creates the event.
	 * @param client the client
	 * @param serverUri the broker of the attempt
	 * @param cause why it failed
	 * @param attempt failed attempts since the last connect, this one included
	 * @param nextDelay when the next attempt starts
	 */
	public MqttConnectFailedEvent(ManagedMqttClient client, URI serverUri, Throwable cause, int attempt,
			Duration nextDelay) {
		super(client);
		this.serverUri = serverUri;
		this.cause = cause;
		this.attempt = attempt;
		this.nextDelay = nextDelay;
	}

	/**
	 * Returns the broker of the attempt.
	 * @return the server URI
	 */
	public URI getServerUri() {
		return this.serverUri;
	}

	/**
	 * Returns why the attempt failed: a {@code MqttNotAuthorizedException} or
	 * {@code MqttTlsException} for refused credentials or certificates, else what the library
	 * reported.
	 * @return the cause
	 */
	public Throwable getCause() {
		return this.cause;
	}

	/**
	 * Returns the number of failed attempts since the last connect, this one included.
	 * @return the attempt number, from 1
	 */
	public int getAttempt() {
		return this.attempt;
	}

	/**
	 * Returns when the next attempt starts: zero when it tries the next server URI at once.
	 * @return the delay
	 */
	public Duration getNextDelay() {
		return this.nextDelay;
	}

}
