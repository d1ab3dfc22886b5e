package io.github.mqttboot.client;

import java.net.URI;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Tells a connection that lasts from one that the broker keeps ending. The reconnect backoff
 * starts over only once a connection lasted {@code mqtt.reconnect.stable-after}, so a client
 * that the broker drops soon after each CONNACK slows down instead of reconnecting every
 * second. Three connections in a row lost sooner, or a DISCONNECT with reason code 0x8E
 * (session taken over), make a probable client id conflict: one WARN and one event, until a
 * connection is stable again. Used on the supervisor thread; the conflict is read from any
 * thread.
 *
 * @author mqtt-spring-boot-starter
 */
final class ConnectionStability {

	/** Connections in a row lost before they were stable that make a probable conflict. */
	static final int SHORT_LIVED_LIMIT = 3;

	private static final Log logger = LogFactory.getLog(ConnectionSupervisor.class);

	private final MqttClientSettings settings;

	private final MqttClientEvents events;

	private ReconnectDelays delays;

	private long connectedNanos;

	private int shortLived;

	private ScheduledFuture<?> stableCheck;

	private volatile String conflict;

	ConnectionStability(MqttClientSettings settings, MqttClientEvents events) {
		this.settings = settings;
		this.events = events;
		reset();
	}

	/** Starts over, as at the client's start. */
	void reset() {
		startOver();
		this.conflict = null;
	}

	private void startOver() {
		this.delays = new ReconnectDelays(this.settings);
		this.shortLived = 0;
	}

	/**
	 * Returns the delay before the next attempt.
	 * @return milliseconds
	 */
	long nextDelay() {
		return this.delays.next();
	}

	/**
	 * A connection was established: checks, once it lasted {@code stable-after}, that it is
	 * still the current one.
	 * @param executor the supervisor's
	 * @param current whether the connection is still the current one
	 */
	void connected(ScheduledExecutorService executor, BooleanSupplier current) {
		this.connectedNanos = System.nanoTime();
		this.stableCheck = executor.schedule(() -> {
			if (current.getAsBoolean()) {
				stable();
			}
		}, this.settings.getReconnectStableAfter().toNanos(), TimeUnit.NANOSECONDS);
	}

	private void stable() {
		startOver();
		if (this.conflict != null) {
			// said before it is cleared: whoever sees the conflict over finds it in the log
			logger.info("The connection as '" + this.settings.getClientId() + "' has lasted "
					+ this.settings.getReconnectStableAfter().toMillis()
					+ " ms (mqtt.reconnect.stable-after): the client id conflict is over");
			this.conflict = null;
		}
	}

	/**
	 * The established connection was lost: says so, and what it reveals.
	 * @param serverUri the broker it was connected to
	 * @param cause why
	 * @return the delay before reconnecting, in milliseconds
	 */
	long lost(URI serverUri, Throwable cause) {
		this.stableCheck.cancel(false);
		if (System.nanoTime() - this.connectedNanos >= this.settings.getReconnectStableAfter().toNanos()) {
			// stable, though lost before the check that says so ran
			startOver();
		}
		this.shortLived++;
		String found = findConflict(cause);
		long delay = nextDelay();
		String line = "Connection to " + serverUri + " lost (" + ConnectionDiagnostics.describe(cause)
				+ "); reconnecting in " + delay + " ms";
		if (found == null && this.conflict != null) {
			// the conflict's WARN said it all: each loss of the loop is no news
			logger.info(line);
		}
		else {
			logger.warn(line);
		}
		reportConflict(found);
		return delay;
	}

	/**
	 * A connection was lost after its CONNACK, before it was ready for use (its subscriptions
	 * restored): short-lived too, as far as a conflict goes; the attempt fails.
	 * @param cause why
	 */
	void lostBeforeReady(Throwable cause) {
		this.shortLived++;
		reportConflict(findConflict(cause));
	}

	private void reportConflict(String found) {
		if (found != null) {
			this.conflict = found;
			logger.warn(found);
			this.events.conflict(this.settings.getClientId(), found);
		}
	}

	// the conflict this loss reveals; null when there is none, or when it is known already
	private String findConflict(Throwable cause) {
		String seen = (Failures.unwrap(cause) instanceof MqttDisconnectedException disconnect
				&& disconnect.isSessionTakenOver())
						? "the broker ended the connection with reason code 0x8e (session taken over)"
						: (this.shortLived >= SHORT_LIVED_LIMIT) ? this.shortLived
								+ " connections in a row were lost within mqtt.reconnect.stable-after ("
								+ this.settings.getReconnectStableAfter().toMillis() + " ms)" : null;
		if (seen == null || this.conflict != null) {
			return null;
		}
		return "Probable client id conflict: " + seen + ". Another client, perhaps a second instance of this "
				+ "application, connects with the client id '" + this.settings.getClientId()
				+ "' and the broker ends one connection for the other; give each instance its own mqtt.client-id "
				+ "(or leave it unset for a generated one)";
	}

	/** The probable client id conflict, or {@code null}. */
	String conflict() {
		return this.conflict;
	}

}
