package io.github.mqttboot.client;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.github.mqttboot.core.PublishResult;

/**
 * Outbound path of one client: a bounded buffer, in order, that feeds the connection no faster
 * than the broker's Receive Maximum allows. Publishes not acknowledged when a connection is lost
 * are sent again, ahead of later ones, after the next connect (at least once).
 *
 * @author mqtt-spring-boot-starter
 */
final class Publisher {

	private static final long WINDOW_RETRY_MILLIS = 5;

	private static final long TRANSIENT_RETRY_MILLIS = 100;

	private final Object lock = new Object();

	/** Publishes not yet handed to the driver, in call order. */
	private final TreeMap<Long, Pending> queue = new TreeMap<>();

	/** Publishes handed to the driver and not yet acknowledged. */
	private final TreeMap<Long, Pending> inflight = new TreeMap<>();

	private final int bufferCapacity;

	private final int maxInflight;

	private final MqttClientEvents events;

	private ScheduledExecutorService scheduler;

	private DriverConnection connection;

	private int window;

	/** The broker's Maximum Packet Size from CONNACK, or 0 for none. */
	private long maximumPacketSize;

	private boolean accepting = true;

	/** Guards {@link #drain()} against re-entry from a publish that completes at once. */
	private boolean draining;

	private long sequence;

	Publisher(int bufferCapacity, int maxInflight, MqttClientEvents events) {
		this.bufferCapacity = bufferCapacity;
		this.maxInflight = maxInflight;
		this.events = events;
	}

	CompletableFuture<PublishResult> publish(OutboundMessage message) {
		CompletableFuture<PublishResult> future = new CompletableFuture<>();
		synchronized (this.lock) {
			if (!this.accepting) {
				fail(new Pending(0, message, future), "MQTT client is stopped; publish to '" + message.topic()
						+ "' was not sent");
				return future;
			}
			int capacity = (this.connection != null) ? Math.max(this.bufferCapacity, this.window) : this.bufferCapacity;
			if (this.queue.size() >= capacity) {
				fail(new Pending(0, message, future), (this.connection != null)
						? "MQTT publish buffer is full (" + capacity + " waiting for the broker's window)"
						: "MQTT client is disconnected and its publish buffer is full (mqtt.publish.buffer.capacity="
								+ this.bufferCapacity + ")");
				return future;
			}
			long id = ++this.sequence;
			this.queue.put(id, new Pending(id, message, future));
			drain();
		}
		return future;
	}

	/** A connection is ready (subscriptions restored): release what waited for it. */
	void connected(DriverConnection connection, ConnectionInfo info, ScheduledExecutorService scheduler) {
		synchronized (this.lock) {
			this.connection = connection;
			this.scheduler = scheduler;
			this.window = Math.max(1, Math.min(this.maxInflight, info.receiveMaximum()));
			this.maximumPacketSize = info.maximumPacketSize();
			drain();
		}
	}

	/** The connection is gone: whatever it did not acknowledge goes back to the buffer. */
	void disconnected() {
		synchronized (this.lock) {
			this.connection = null;
			this.queue.putAll(this.inflight);
			this.inflight.clear();
		}
	}

	/** Refuses new publishes; what is queued may still drain. */
	void stopAccepting() {
		synchronized (this.lock) {
			this.accepting = false;
		}
	}

	void startAccepting() {
		synchronized (this.lock) {
			this.accepting = true;
		}
	}

	/**
	 * Waits until nothing is queued or in flight, at most until the deadline.
	 * @param deadlineNanos a {@link System#nanoTime()} deadline
	 * @return {@code true} if drained
	 */
	boolean awaitDrained(long deadlineNanos) throws InterruptedException {
		synchronized (this.lock) {
			while (!(this.queue.isEmpty() && this.inflight.isEmpty())) {
				long remaining = deadlineNanos - System.nanoTime();
				if (remaining <= 0 || this.connection == null) {
					return false;
				}
				TimeUnit.NANOSECONDS.timedWait(this.lock, remaining);
			}
			return true;
		}
	}

	/** Fails everything still waiting, at stop. */
	void failAll(String reason) {
		synchronized (this.lock) {
			this.queue.putAll(this.inflight);
			this.inflight.clear();
			this.queue.values().forEach((pending) -> fail(pending, reason));
			this.queue.clear();
			this.connection = null;
		}
	}

	int buffered() {
		synchronized (this.lock) {
			return this.queue.size();
		}
	}

	int inflight() {
		synchronized (this.lock) {
			return this.inflight.size();
		}
	}

	private void drain() {
		if (this.draining) {
			// re-entered from a publish that completed at once: the outer loop goes on
			return;
		}
		this.draining = true;
		try {
			drainInOrder();
		}
		finally {
			this.draining = false;
		}
	}

	private void drainInOrder() {
		while (this.connection != null && !this.queue.isEmpty() && this.inflight.size() < this.window) {
			Map.Entry<Long, Pending> head = this.queue.firstEntry();
			Pending pending = head.getValue();
			long size = PublishPacketSize.of(pending.message);
			if (this.maximumPacketSize > 0 && size > this.maximumPacketSize) {
				// sending it would only make the broker disconnect us
				this.queue.pollFirstEntry();
				fail(pending, "PUBLISH to '" + pending.message.topic() + "' is " + size
						+ " bytes, more than the broker's Maximum Packet Size of " + this.maximumPacketSize + " bytes");
				continue;
			}
			DriverConnection current = this.connection;
			CompletableFuture<Integer> sent;
			try {
				sent = current.publish(pending.message);
			}
			catch (DriverConnection.WindowFullException ex) {
				// the driver counts acknowledgements a little later than it reports them
				if (this.inflight.isEmpty()) {
					this.scheduler.schedule(this::drainLocked, WINDOW_RETRY_MILLIS, TimeUnit.MILLISECONDS);
				}
				return;
			}
			this.queue.pollFirstEntry();
			this.inflight.put(pending.id, pending);
			sent.whenComplete((messageId, failure) -> completed(pending, current, messageId, failure));
			if (this.queue.containsKey(pending.id)) {
				// failed at once and queued again for a retry shortly (a connection that is going
				// away): stop here, or this loop would spin holding the lock the loss needs
				return;
			}
		}
	}

	private void drainLocked() {
		synchronized (this.lock) {
			drain();
		}
	}

	private void completed(Pending pending, DriverConnection via, Integer messageId, Throwable failure) {
		synchronized (this.lock) {
			if (this.inflight.get(pending.id) != pending) {
				// already sent again after a reconnect
				return;
			}
			if (failure == null) {
				this.inflight.remove(pending.id);
				OutboundMessage message = pending.message;
				// meters first: a caller woken by the future sees them counted
				this.events.published(message.qos(), true, System.nanoTime() - pending.startNanos);
				pending.future.complete(new PublishResult(message.topic(), message.qos(), message.retained(),
						(messageId != null) ? messageId : 0));
			}
			else if (refusal(failure) != null) {
				DriverConnection.RefusedException refused = refusal(failure);
				this.inflight.remove(pending.id);
				fail(pending, "Broker refused the publish to '" + pending.message.topic() + "': " + refused.getMessage(),
						refused);
			}
			else if (via == this.connection) {
				// a transient failure on a live connection: try again shortly, in order; the
				// loss of the connection is usually on its way
				this.inflight.remove(pending.id);
				this.queue.put(pending.id, pending);
				this.scheduler.schedule(this::drainLocked, TRANSIENT_RETRY_MILLIS, TimeUnit.MILLISECONDS);
				return;
			}
			// else: the connection is gone and disconnected() requeues it
			this.lock.notifyAll();
			drain();
		}
	}

	/** The refusal, also when a dependent stage wrapped it, else {@code null}. */
	private static DriverConnection.RefusedException refusal(Throwable failure) {
		Throwable cause = (failure instanceof java.util.concurrent.CompletionException) ? failure.getCause() : failure;
		return (cause instanceof DriverConnection.RefusedException refused) ? refused : null;
	}

	private void fail(Pending pending, String reason) {
		fail(pending, reason, null);
	}

	private void fail(Pending pending, String reason, Throwable cause) {
		this.events.published(pending.message.qos(), false, System.nanoTime() - pending.startNanos);
		int reasonCode = (cause instanceof DriverConnection.RefusedException refused) ? refused.getReasonCode() : -1;
		pending.future.completeExceptionally(new MqttPublishException(reason, reasonCode, cause));
	}

	private static final class Pending {

		final long id;

		final OutboundMessage message;

		final CompletableFuture<PublishResult> future;

		final long startNanos = System.nanoTime();

		Pending(long id, OutboundMessage message, CompletableFuture<PublishResult> future) {
			this.id = id;
			this.message = message;
			this.future = future;
		}

	}

}
