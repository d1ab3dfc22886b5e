package io.github.mqttboot.client;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lets the first of a repeated occurrence through, then at most one a minute, and counts those
 * in between: a failure or a drop repeated for every message is reported without flooding the
 * log, and the report says how many it stands for.
 *
 * @author mqtt-spring-boot-starter
 * @since 0.1.0
 */
public final class OncePerMinute {

	private static final long INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

	private final AtomicLong nextDue = new AtomicLong(System.nanoTime());

	private final AtomicLong sinceLast = new AtomicLong();

	/** Creates a throttle that lets the next occurrence through. */
	public OncePerMinute() {
	}

	/**
	 * Counts one occurrence.
	 * @return 0 to keep quiet; else this one is to be reported, standing for the returned
	 * number of occurrences since the last one reported, itself included
	 */
	public long occurred() {
		this.sinceLast.incrementAndGet();
		long now = System.nanoTime();
		long due = this.nextDue.get();
		if (now - due < 0 || !this.nextDue.compareAndSet(due, now + INTERVAL_NANOS)) {
			return 0;
		}
		return this.sinceLast.getAndSet(0);
	}

}
