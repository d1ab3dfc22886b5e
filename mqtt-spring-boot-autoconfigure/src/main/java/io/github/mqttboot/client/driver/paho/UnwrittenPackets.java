package io.github.mqttboot.client.driver.paho;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The publishes and QoS 1 acknowledgements of one connection that Paho has taken and its sender
 * has not written yet. While there are any, the sender is about to write again, so
 * {@link BatchingSocketOutput} holds its flush back and the burst leaves in a few large writes.
 * Paho's sender never waits with such a packet taken: the client hands it no more publishes than
 * the broker's Receive Maximum, which is Paho's own window, and acknowledgements have no window.
 * The count only errs towards flushing: a packet written that was not counted leaves it at zero.
 *
 * @author mqtt-spring-boot-starter
 */
final class UnwrittenPackets {

	private final AtomicInteger count = new AtomicInteger();

	private volatile ScheduledExecutorService scheduler;

	/**
	 * Sets where a held-back flush is done at the latest; until then nothing is held back.
	 * @param scheduler the connection's pool
	 */
	void flushLateOn(ScheduledExecutorService scheduler) {
		this.scheduler = scheduler;
	}

	/**
	 * A publish or an acknowledgement is about to be handed to Paho: counted before, so that its
	 * sender cannot miss it.
	 */
	void handing() {
		this.count.incrementAndGet();
	}

	/** Paho refused a packet counted by {@link #handing()}. */
	void refused() {
		decrement();
	}

	/** The sender wrote a publish or an acknowledgement. */
	void written() {
		decrement();
	}

	/**
	 * Returns whether packets wait to be written.
	 * @return whether the sender is about to write a publish or an acknowledgement
	 */
	boolean any() {
		return this.count.get() > 0;
	}

	/**
	 * Runs a held-back flush a moment later, whatever the sender does meanwhile.
	 * @param flush the flush
	 * @param delayMillis how much later
	 * @return whether it was scheduled; if not, flush now (no pool yet, or it is shut down)
	 */
	boolean flushLater(Runnable flush, long delayMillis) {
		ScheduledExecutorService scheduler = this.scheduler;
		if (scheduler == null) {
			return false;
		}
		try {
			scheduler.schedule(flush, delayMillis, TimeUnit.MILLISECONDS);
			return true;
		}
		catch (RejectedExecutionException ex) {
			// the connection is closing
			return false;
		}
	}

	private void decrement() {
		this.count.getAndUpdate((current) -> Math.max(0, current - 1));
	}

}
