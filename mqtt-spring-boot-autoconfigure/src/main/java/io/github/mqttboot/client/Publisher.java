package io.github.mqttboot.client;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.github.mqttboot.client.driver.ConnectionInfo;
import io.github.mqttboot.client.driver.DriverConnection;


/**
 * Outbound path of one client: a bounded buffer, in order, that feeds the connection no faster
 * than the broker's Receive Maximum allows. Publishes not acknowledged when a connection is lost
 * are sent again, ahead of later ones, after the next connect (at least once). The driver is
 * called outside the lock, by one thread at a time, and futures complete outside it too.
 *
 * @author mqtt-spring-boot-starter
 */
final class Publisher {

	private static final long WINDOW_RETRY_MILLIS = 5;

	private static final long TRANSIENT_RETRY_MILLIS = 100;

	private final Object lock = new Object();

	/** Publishes not yet handed to the driver, in call order. */
	private final TreeMap<Long, Pending> queue = new TreeMap<>();

	/** Publishes handed to the driver and not yet acknowledged (back in the queue, in order again). */
	private final HashMap<Long, Pending> inflight = new HashMap<>();

	private final int bufferCapacity;

	private final int maxInflight;

	private final MqttClientEvents events;

	/** Where the dependents of publish futures run: never on the driver's thread. */
	private final Executor callbacks;

	private ScheduledExecutorService scheduler;

	private DriverConnection connection;

	private int window;

	/** The broker's Maximum Packet Size from CONNACK, or 0 for none. */
	private long maximumPacketSize;

	private boolean accepting = true;

	/** A thread is sending: others leave the queue to it. */
	private boolean draining;

	/** Something changed while a drain was under way: it looks at the queue again before it ends. */
	private boolean drainAgain;

	/** Nothing is sent for a moment after a transient failure or a full driver window. */
	private boolean paused;

	/** The driver's window was full: nothing is sent before the next acknowledgement. */
	private boolean awaitingAck;

	private long sequence;

	Publisher(int bufferCapacity, int maxInflight, MqttClientEvents events, Executor callbacks) {
		this.bufferCapacity = bufferCapacity;
		this.maxInflight = maxInflight;
		this.events = events;
		this.callbacks = callbacks;
	}

	CompletableFuture<PublishResult> publish(OutboundMessage message) {
		CompletableFuture<PublishResult> future = new OffloadingFuture<>(this.callbacks);
		String refusal;
		synchronized (this.lock) {
			refusal = refusal(message);
			if (refusal == null) {
				long id = ++this.sequence;
				this.queue.put(id, new Pending(id, message, future));
			}
		}
		if (refusal != null) {
			fail(new Pending(0, message, future), refusal);
			return future;
		}
		drain();
		return future;
	}

	/** Why a new publish cannot be taken, or {@code null}; called under the lock. */
	private String refusal(OutboundMessage message) {
		if (!this.accepting) {
			return "MQTT client is stopped; publish to '" + message.topic() + "' was not sent";
		}
		int capacity = (this.connection != null) ? Math.max(this.bufferCapacity, this.window) : this.bufferCapacity;
		if (this.queue.size() < capacity) {
			return null;
		}
		return (this.connection != null) ? "MQTT publish buffer is full (" + capacity + " waiting for the broker's window)"
				: "MQTT client is disconnected and its publish buffer is full (mqtt.publish.buffer.capacity="
						+ this.bufferCapacity + ")";
	}

	/** A connection is ready (subscriptions restored): release what waited for it. */
	void connected(DriverConnection connection, ConnectionInfo info, ScheduledExecutorService scheduler) {
		synchronized (this.lock) {
			this.connection = connection;
			this.scheduler = scheduler;
			this.window = Math.max(1, Math.min(this.maxInflight, info.receiveMaximum()));
			this.maximumPacketSize = info.maximumPacketSize();
			this.paused = false;
			this.awaitingAck = false;
		}
		drain();
	}

	/** The connection is gone: whatever it did not acknowledge goes back to the buffer. */
	void disconnected() {
		synchronized (this.lock) {
			this.connection = null;
			this.queue.putAll(this.inflight);
			this.inflight.clear();
			// a stop waiting in awaitDrained() need not wait for its deadline any more
			this.lock.notifyAll();
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
		List<Pending> failed;
		synchronized (this.lock) {
			this.queue.putAll(this.inflight);
			this.inflight.clear();
			failed = new ArrayList<>(this.queue.values());
			this.queue.clear();
			this.connection = null;
		}
		failed.forEach((pending) -> fail(pending, reason));
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

	/**
	 * Sends what the window allows, in order. One thread drains at a time and calls the driver
	 * without holding the lock, so that callers and acknowledgements never wait for the driver;
	 * a call that finds a drain under way asks it to look again instead.
	 */
	private void drain() {
		synchronized (this.lock) {
			if (this.draining) {
				this.drainAgain = true;
				return;
			}
			this.draining = true;
		}
		boolean ended = false;
		try {
			while (sendNext()) {
				// one message per round, the lock released around the driver call
			}
			ended = true;
		}
		finally {
			if (!ended) {
				synchronized (this.lock) {
					this.draining = false;
				}
			}
		}
	}

	/**
	 * Hands the head of the queue to the driver.
	 * @return {@code false} when nothing more can be sent now (and the drain has ended)
	 */
	private boolean sendNext() {
		Pending pending;
		DriverConnection current;
		String oversize;
		synchronized (this.lock) {
			pending = sendable();
			if (pending == null) {
				if (this.drainAgain) {
					this.drainAgain = false;
					return true;
				}
				this.draining = false;
				return false;
			}
			current = this.connection;
			this.queue.remove(pending.id);
			oversize = PublishPacketSize.oversize(pending.message, this.maximumPacketSize);
			if (oversize != null) {
				this.lock.notifyAll();
			}
			else {
				this.inflight.put(pending.id, pending);
			}
		}
		if (oversize != null) {
			fail(pending, oversize);
			return true;
		}
		CompletableFuture<Integer> sent;
		try {
			sent = current.publish(pending.message);
		}
		catch (DriverConnection.WindowFullException ex) {
			windowFull(pending);
			return true;
		}
		catch (RuntimeException ex) {
			// a connection on its way out: handled as a transient failure
			sent = CompletableFuture.failedFuture(ex);
		}
		sent.whenComplete((messageId, failure) -> completed(pending, current, messageId, failure));
		return true;
	}

	/** The head of the queue if the connection, the window and any pause allow it; under the lock. */
	private Pending sendable() {
		if (this.connection == null || this.paused || this.awaitingAck || this.queue.isEmpty()
				|| this.inflight.size() >= this.window) {
			return null;
		}
		return this.queue.firstEntry().getValue();
	}

	/** The driver counts acknowledgements a little later than it reports them: back off a moment. */
	private void windowFull(Pending pending) {
		synchronized (this.lock) {
			if (this.inflight.remove(pending.id, pending)) {
				this.queue.put(pending.id, pending);
			}
			if (this.inflight.isEmpty()) {
				pauseThenDrain(WINDOW_RETRY_MILLIS);
			}
			else {
				this.awaitingAck = true;
			}
		}
	}

	/** Sends nothing for a moment, then drains; under the lock. */
	private void pauseThenDrain(long millis) {
		this.paused = true;
		try {
			this.scheduler.schedule(this::resume, millis, TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			// the client is stopping: what is queued fails with it
		}
	}

	private void resume() {
		synchronized (this.lock) {
			this.paused = false;
		}
		drain();
	}

	private void completed(Pending pending, DriverConnection via, Integer messageId, Throwable failure) {
		DriverConnection.RefusedException refused = refusal(failure);
		boolean queued;
		synchronized (this.lock) {
			if (this.inflight.get(pending.id) != pending) {
				// already sent again after a reconnect
				return;
			}
			if (failure != null && refused == null) {
				if (via == this.connection) {
					// a transient failure on a live connection (its loss is usually on its way): try
					// again shortly, in order, rather than at once in a loop
					this.inflight.remove(pending.id);
					this.queue.put(pending.id, pending);
					pauseThenDrain(TRANSIENT_RETRY_MILLIS);
				}
				// else: the connection is gone and disconnected() requeues it
				return;
			}
			this.inflight.remove(pending.id);
			this.awaitingAck = false;
			this.lock.notifyAll();
			// only what waited for the window: a publish queued after this drains itself, on its
			// caller's thread rather than on the driver's callback thread
			queued = !this.queue.isEmpty();
		}
		if (refused != null) {
			fail(pending, "Broker refused the publish to '" + pending.message.topic() + "': " + refused.getMessage(),
					refused);
		}
		else {
			OutboundMessage message = pending.message;
			// meters first: a caller woken by the future sees them counted
			this.events.published(message.qos(), true, System.nanoTime() - pending.startNanos);
			pending.future.complete(new PublishResult(message.topic(), message.qos(), message.retained(),
					(messageId != null) ? messageId : 0));
		}
		if (queued) {
			drain();
		}
	}

	/** The refusal, also when a dependent stage wrapped it, else {@code null}. */
	private static DriverConnection.RefusedException refusal(Throwable failure) {
		Throwable cause = Failures.unwrap(failure);
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
