package io.github.mqttboot.benchmarks;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the messages a contender received and notes when the first and the expected last
 * arrived; optionally works {@code delayMillis} on each, like a slow listener. A warm-up counts
 * apart: {@link #expect(long)} starts counting afresh.
 */
public final class Sink {

	private final long delayMillis;

	private volatile Count current;

	Sink(long expected, long delayMillis) {
		this.delayMillis = delayMillis;
		this.current = new Count(expected);
	}

	/**
	 * Counts from zero again towards {@code expected}; called while no message is on its way.
	 * @param expected the count to wait for
	 */
	void expect(long expected) {
		this.current = new Count(expected);
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
		this.current.accept();
	}

	long count() {
		return this.current.count.get();
	}

	long firstNanos() {
		return this.current.firstNanos;
	}

	long doneNanos() {
		return this.current.doneNanos;
	}

	boolean awaitFirst(long timeoutMillis) throws InterruptedException {
		return this.current.first.await(timeoutMillis, TimeUnit.MILLISECONDS);
	}

	/**
	 * Waits for the expected count; gives up when nothing arrived for {@code idleMillis}.
	 * @return whether every expected message arrived
	 */
	boolean awaitAll(long idleMillis) throws InterruptedException {
		Count awaited = this.current;
		long last = -1;
		while (true) {
			if (awaited.done.await(idleMillis, TimeUnit.MILLISECONDS)) {
				return true;
			}
			long now = awaited.count.get();
			if (now == last) {
				return false;
			}
			last = now;
		}
	}

	/** One count towards an expected number of messages. */
	private static final class Count {

		final long expected;

		final AtomicLong count = new AtomicLong();

		final CountDownLatch done = new CountDownLatch(1);

		final CountDownLatch first = new CountDownLatch(1);

		volatile long firstNanos;

		volatile long doneNanos;

		Count(long expected) {
			this.expected = expected;
		}

		void accept() {
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

	}

}
