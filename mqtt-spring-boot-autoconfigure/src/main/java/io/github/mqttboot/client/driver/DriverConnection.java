package io.github.mqttboot.client.driver;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.github.mqttboot.client.OutboundMessage;

/**
 * One connection, from the attempt to its end. Not reused after it ends: the supervisor opens a
 * new one, so that nothing of a failed attempt survives it.
 *
 * @author mqtt-spring-boot-starter
 */
public interface DriverConnection {

	/**
	 * Completes when the broker accepted the connection, exceptionally when the attempt failed.
	 * Never times out by itself: the supervisor applies its own deadline.
	 * @return the CONNACK outcome
	 */
	CompletableFuture<ConnectionInfo> connected();

	/**
	 * Sends one message. The future completes on PUBACK/PUBCOMP, or when written for QoS 0. It
	 * fails with {@link RefusedException} when the broker or the library refuses the message
	 * itself; any other failure is taken as transient and the message is sent again.
	 * @param message the message
	 * @return the outcome
	 * @throws WindowFullException if the driver holds as many unacknowledged publishes as the
	 * broker allows; the caller retries after the next acknowledgement
	 */
	CompletableFuture<Integer> publish(OutboundMessage message) throws WindowFullException;

	/**
	 * Subscribes to the given filters.
	 * @param subscriptions the filters and their QoS
	 * @return the reason code the broker granted for each filter, in order
	 */
	CompletableFuture<int[]> subscribe(List<SubscriptionRequest> subscriptions);

	/**
	 * Unsubscribes from the given filters.
	 * @param filters the filters
	 * @return completes on UNSUBACK
	 */
	CompletableFuture<Void> unsubscribe(List<String> filters);

	/**
	 * Sends DISCONNECT, waits at most the given time, then {@link #close() closes}.
	 * @param timeout the longest wait
	 */
	void disconnect(Duration timeout);

	/**
	 * Releases everything this connection started, without waiting on the broker. Idempotent.
	 */
	void close();

	/**
	 * The broker (a reason code of 0x80 or more) or the library refused a message for what it
	 * is: sending it again would not help.
	 */
	class RefusedException extends RuntimeException {

		private final int reasonCode;

		public RefusedException(String message, Throwable cause) {
			this(message, -1, cause);
		}

		public RefusedException(String message, int reasonCode, Throwable cause) {
			super(message, cause);
			this.reasonCode = reasonCode;
		}

		/** The broker's reason code, or -1 when the library refused the message. */
		public int getReasonCode() {
			return this.reasonCode;
		}

	}

	/**
	 * Thrown when the broker's Receive Maximum (or the driver's window) is reached.
	 */
	class WindowFullException extends Exception {

		public WindowFullException(Throwable cause) {
			super("Too many publishes in progress", cause);
		}

	}

}
