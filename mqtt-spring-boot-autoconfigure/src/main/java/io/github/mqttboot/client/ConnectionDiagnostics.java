package io.github.mqttboot.client;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import io.github.mqttboot.client.driver.MqttDriver;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * What the supervisor tells about its connections: threads of ended connections that are still
 * alive, and failures in words. The libraries report many failures in a way that hides them
 * (Paho: {@code Untranslated MqttException - RC: 0} for an unknown host), so the words come from
 * the cause that tells, wherever it sits in the chain.
 *
 * @author mqtt-spring-boot-starter
 */
final class ConnectionDiagnostics {

	private static final Log logger = LogFactory.getLog(ConnectionSupervisor.class);

	private final MqttDriver driver;

	private final OwnedThreads threads;

	private volatile int strandedThreads;

	ConnectionDiagnostics(MqttDriver driver, OwnedThreads threads) {
		this.driver = driver;
		this.threads = threads;
	}

	/** Counts the driver's threads beyond what the live connection needs, and warns of more. */
	void checkStrandedThreads() {
		int bound = this.driver.threadsPerConnection();
		if (bound <= 0) {
			return;
		}
		int stranded = Math.max(0, this.threads.count(this.driver.threadRole()) - bound);
		if (stranded > this.strandedThreads) {
			logger.warn(stranded + " thread(s) of ended MQTT connections are still alive (at most " + bound
					+ " expected for the live one):\n" + this.threads.describe());
		}
		this.strandedThreads = stranded;
	}

	int strandedThreads() {
		return this.strandedThreads;
	}

	/**
	 * Creates the failure of an attempt that our own CONNACK deadline ended.
	 * @param uri the broker
	 * @param timeout the deadline
	 * @return the failure, in words
	 */
	static TimeoutException connackTimeout(URI uri, Duration timeout) {
		return new TimeoutException("No CONNACK from " + uri + " within " + timeout.toMillis()
				+ " ms (mqtt.connection-timeout): the connection was accepted but the MQTT handshake not answered; "
				+ "check that the port is the broker's MQTT listener for this scheme (not TLS or WebSocket) and "
				+ "that the broker is not overloaded");
	}

	/**
	 * Describes a failure or a loss in words.
	 * @param failure the failure, possibly wrapped
	 * @return the words
	 */
	static String describe(Throwable failure) {
		return explain(null, failure).words();
	}

	/**
	 * Explains a failure: its kind, one per cause an operator fixes in one place, and words.
	 * @param uri the broker of the attempt, or {@code null}
	 * @param failure the failure, possibly wrapped
	 * @return the explanation
	 */
	static Explanation explain(URI uri, Throwable failure) {
		Throwable cause = Failures.unwrap(failure);
		if (cause instanceof MqttConnectionException || cause instanceof MqttDisconnectedException
				|| cause instanceof TimeoutException) {
			// typed by the driver or by the supervisor: already in words
			String type = cause.getClass().getSimpleName();
			return new Explanation(type, type + ": " + cause.getMessage());
		}
		String where = (uri != null) ? uri.getHost() + ":" + ((uri.getPort() != -1) ? uri.getPort() : "default port")
				: "the broker";
		if (Failures.find(cause, (each) -> each instanceof UnknownHostException
				|| each instanceof UnresolvedAddressException) != null) {
			return new Explanation("unknown-host", "unknown host '" + ((uri != null) ? uri.getHost() : "?")
					+ "': the name does not resolve; check the host in mqtt.server-uris and the DNS");
		}
		// Netty's ConnectTimeoutException, which HiveMQ reports, is a ConnectException: first
		Throwable timeout = Failures.find(cause, (each) -> each instanceof SocketTimeoutException
				|| each.getClass().getSimpleName().equals("ConnectTimeoutException"));
		if (timeout != null) {
			return new Explanation("connect-timeout", "no answer from " + where + " (" + timeout.getMessage()
					+ "): a firewall drops the packets, or the host is down");
		}
		if (Failures.find(cause, ConnectException.class) != null) {
			return new Explanation("connection-refused", "connection refused: nothing accepts connections on " + where
					+ "; check that the broker runs and the port in mqtt.server-uris");
		}
		if (Failures.find(cause, NoRouteToHostException.class) != null) {
			return new Explanation("no-route", "no route to " + where + ": check the network and the firewall");
		}
		// each library words it its own way, the URI says it for all
		if (uri != null && uri.getPort() > 65535 && Failures.find(cause, IllegalArgumentException.class) != null) {
			return new Explanation("port-out-of-range",
					"port " + uri.getPort() + " is out of range: a port is 0 to 65535; check mqtt.server-uris");
		}
		Throwable root = Failures.find(cause, (each) -> each.getCause() == null || each.getCause() == each);
		String words = cause.getClass().getSimpleName() + ": " + cause.getMessage();
		return new Explanation(root.getClass().getName(),
				(root != cause && root.getMessage() != null && !words.contains(root.getMessage()))
						? words + " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")" : words);
	}

	/**
	 * A failure explained.
	 *
	 * @param kind the same for failures with the same cause, for throttling their log lines
	 * @param words what happened and what to check
	 */
	record Explanation(String kind, String words) {
	}

}
