package io.github.mqttboot.client;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Logs failed connection attempts in words: INFO while the client is within
 * {@code mqtt.health.grace-period} of its start or of the loss of its connection, WARN after it,
 * as health turns DOWN. A broker that stays away must not flood the log: at most one line a
 * minute per kind of failure, with the number of the ones left out, and one more when the level
 * turns to WARN. A connect starts over. Used on the supervisor thread only.
 *
 * @author mqtt-spring-boot-starter
 */
final class ConnectFailureLog {

	private static final Log logger = LogFactory.getLog(ConnectionSupervisor.class);

	private static final long INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

	private final Duration gracePeriod;

	private final Map<String, Throttle> kinds = new HashMap<>();

	ConnectFailureLog(Duration gracePeriod) {
		this.gracePeriod = gracePeriod;
	}

	/**
	 * Logs a failed attempt, or counts it as left out.
	 * @param uri the broker of the attempt
	 * @param failure why it failed
	 * @param since when the client started connecting, or lost its connection
	 * @param next what the client does next, such as {@code next attempt in 2000 ms}
	 */
	void failed(URI uri, Throwable failure, Instant since, String next) {
		boolean warn = Duration.between(since, Instant.now()).compareTo(this.gracePeriod) > 0;
		ConnectionDiagnostics.Explanation explanation = ConnectionDiagnostics.explain(uri, failure);
		Throttle throttle = this.kinds.computeIfAbsent(explanation.kind(), (kind) -> new Throttle());
		long now = System.nanoTime();
		if (throttle.logged && now - throttle.nextNanos < 0 && (throttle.warned || !warn)) {
			throttle.leftOut++;
			return;
		}
		String line = "Connecting to " + uri + " failed: " + explanation.words() + "; " + next
				+ ((throttle.leftOut > 0) ? " (" + throttle.leftOut + " more failure(s) like it since the last "
						+ "such line were not logged)" : "");
		throttle.logged = true;
		throttle.warned = warn;
		throttle.leftOut = 0;
		throttle.nextNanos = now + INTERVAL_NANOS;
		if (warn) {
			logger.warn(line);
		}
		else {
			logger.info(line);
		}
	}

	/** The client connected, or starts again: the next failure of every kind is logged. */
	void reset() {
		this.kinds.clear();
	}

	private static final class Throttle {

		private boolean logged;

		private boolean warned;

		private long nextNanos;

		private int leftOut;

	}

}
