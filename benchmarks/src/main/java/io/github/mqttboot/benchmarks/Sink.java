package io.github.mqttboot.benchmarks;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the messages a contender received and notes when the first and the expected last
 * arrived; optionally works {@code delayMillis} on each, like a slow listener.
 */
public final class Sink {

	private final long expected;

	private final long delayMillis;

	private final AtomicLong count = new AtomicLong();

	private final CountDownLatch done = new CountDownLatch(1);

	private final CountDownLatch first = new CountDownLatch(1);

	private volatile long firstNanos;

	private volatile long doneNanos;

	Sink(long expected, long delayMillis) {
		this.expected = expected;
		this.delayMillis = delayMillis;
	}

	/** Called by every contender's handler for each message. */
	public void accept() {
		if (this.delayMillis > 0) {
			try {
				Thread.sleep(this.delayMillis);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		long received = this.count.incrementAndGet();
		if (received == 1) {
			this.firstNanos = System.nanoTime();
			this.first.countDown();
		}
		if (received == this.expected) {
			this.doneNanos = System.nanoTime();
			this.done.countDown();
		}
	}

	long count() {
		return this.count.get();
	}

	long firstNanos() {
		return this.firstNanos;
	}

	long doneNanos() {
		return this.doneNanos;
	}

	boolean awaitFirst(long timeoutMillis) throws InterruptedException {
		return this.first.await(timeoutMillis, TimeUnit.MILLISECONDS);
	}

	/**
	 * Waits for the expected count; gives up when nothing arrived for {@code idleMillis}.
	 * @return whether every expected message arrived
	 */
	boolean awaitAll(long idleMillis) throws InterruptedException {
		long last = -1;
		while (true) {
			if (this.done.await(idleMillis, TimeUnit.MILLISECONDS)) {
				return true;
			}
			long now = this.count.get();
			if (now == last) {
				return false;
			}
			last = now;
		}
	}

}
