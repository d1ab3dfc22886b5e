package io.github.mqttboot.client.driver.hivemq;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Predicate;

import io.github.mqttboot.client.InboundMessage;
import io.github.mqttboot.client.driver.DriverListener;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Takes HiveMQ's inbound publishes on its event loop as fast as they arrive and delivers them,
 * in order, on the connection's callback thread. HiveMQ keeps reading while the client's
 * handlers lag, and a subscriber that falls behind makes it queue QoS 0 messages and drop the
 * oldest beyond 65,535, uncounted: so it is never let fall behind. The relay holds at most as
 * many QoS 0 messages itself and reports each one beyond that as dropped, to be counted. QoS 1
 * and 2 are always taken: HiveMQ acknowledges them only after their delivery (HiveMQ's manual
 * acknowledgement), so the broker's window bounds them.
 *
 * @param <P> HiveMQ's publish type of the protocol
 * @author mqtt-spring-boot-starter
 */
final class InboundRelay<P> implements Runnable {

	private static final Log logger = LogFactory.getLog(InboundRelay.class);

	/** The most QoS 0 messages held for handlers that lag: what HiveMQ itself would hold. */
	static final int QOS0_CAPACITY = 65_535;

	/** Deliveries per turn on the callback thread, whose other tasks go between turns. */
	private static final int TURN = 256;

	private static final Runnable NO_ACKNOWLEDGEMENT = () -> {
	};

	private final Queue<P> queue = new ConcurrentLinkedQueue<>();

	private final AtomicInteger qos0Held = new AtomicInteger();

	private final AtomicBoolean scheduled = new AtomicBoolean();

	private final DriverListener listener;

	private final Executor callbacks;

	private final boolean manualAcks;

	private final Predicate<P> atMostOnce;

	private final BiFunction<P, Runnable, InboundMessage> message;

	private final Consumer<P> acknowledgement;

	/**
	 * Creates a relay.
	 * @param listener receives the messages, on the callback thread, and the dropped ones
	 * @param callbacks the connection's callback thread
	 * @param manualAcks whether a message is acknowledged by its last release rather than once
	 * delivered
	 * @param atMostOnce whether a publish is QoS 0
	 * @param message the message of a publish, given what its last release does
	 * @param acknowledgement HiveMQ's acknowledgement of a publish
	 */
	InboundRelay(DriverListener listener, Executor callbacks, boolean manualAcks, Predicate<P> atMostOnce,
			BiFunction<P, Runnable, InboundMessage> message, Consumer<P> acknowledgement) {
		this.listener = listener;
		this.callbacks = callbacks;
		this.manualAcks = manualAcks;
		this.atMostOnce = atMostOnce;
		this.message = message;
		this.acknowledgement = acknowledgement;
	}

	/**
	 * Runs a HiveMQ callback where HiveMQ calls it: on the event loop, without a hop.
	 * @param task the callback's task
	 */
	static void onEventLoop(Runnable task) {
		task.run();
	}

	/**
	 * Takes a publish, on HiveMQ's event loop: never waits.
	 * @param publish the publish
	 */
	void arrived(P publish) {
		if (this.atMostOnce.test(publish)) {
			if (this.qos0Held.get() >= QOS0_CAPACITY) {
				dropped(publish);
				return;
			}
			this.qos0Held.incrementAndGet();
		}
		this.queue.offer(publish);
		if (this.scheduled.compareAndSet(false, true)) {
			this.callbacks.execute(this);
		}
	}

	/**
	 * Reports what is still queued once the connection's callback thread has ended: each QoS 0
	 * message as dropped, to be counted, since it is lost with the connection. QoS 1 and 2 stay
	 * unacknowledged: the broker sends them again to a persistent session.
	 */
	void discardQueued() {
		for (P publish = this.queue.poll(); publish != null; publish = this.queue.poll()) {
			if (this.atMostOnce.test(publish)) {
				this.qos0Held.decrementAndGet();
				dropped(publish);
			}
		}
	}

	private void dropped(P publish) {
		acknowledge(publish);
		try {
			this.listener.messageDropped(message(publish));
		}
		catch (RuntimeException ex) {
			logger.error("Could not report a dropped QoS 0 message", ex);
		}
	}

	/** Delivers one turn's messages on the callback thread, and schedules the next turn. */
	@Override
	public void run() {
		boolean emptied = false;
		try {
			for (int delivered = 0; delivered < TURN; delivered++) {
				P publish = this.queue.poll();
				if (publish == null) {
					this.scheduled.set(false);
					// one that arrived after the poll, before the flag was cleared, is this turn's
					if (this.queue.isEmpty() || !this.scheduled.compareAndSet(false, true)) {
						emptied = true;
						return;
					}
					continue;
				}
				deliver(publish);
			}
		}
		finally {
			if (!emptied) {
				// also after an Error: what is queued is never stranded
				this.callbacks.execute(this);
			}
		}
	}

	private void deliver(P publish) {
		if (this.atMostOnce.test(publish)) {
			this.qos0Held.decrementAndGet();
		}
		try {
			this.listener.messageArrived(message(publish));
		}
		catch (RuntimeException ex) {
			logger.error("Could not deliver an inbound message", ex);
		}
		if (!this.manualAcks) {
			// acknowledged once handed off, as a blocking callback would be when it returns
			acknowledge(publish);
		}
	}

	private InboundMessage message(P publish) {
		return this.message.apply(publish, this.manualAcks ? () -> acknowledge(publish) : NO_ACKNOWLEDGEMENT);
	}

	/**
	 * Acknowledges a publish. Once its connection is closed, HiveMQ refuses (its event loop has
	 * ended): nothing is owed then, and the broker sends the message again in a persistent session.
	 */
	private void acknowledge(P publish) {
		try {
			this.acknowledgement.accept(publish);
		}
		catch (RuntimeException ex) {
			logger.debug("Could not acknowledge a message, its connection is closed: " + ex);
		}
	}

}
