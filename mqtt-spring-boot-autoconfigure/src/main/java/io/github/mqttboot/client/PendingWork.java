package io.github.mqttboot.client;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts work handed to a client's workers and not finished: connect attempts, queued or running
 * listener deliveries, acknowledgements owed. Every {@link #begin()} has its {@link #end()} on
 * every path, or the {@code mqtt.client.workers.pending} gauge shows the leak.
 *
 * @author mqtt-spring-boot-starter
 * @since 0.1.0
 */
public final class PendingWork {

	private final AtomicInteger count = new AtomicInteger();

	/**
	 * Creates a counter at 0.
	 */
	public PendingWork() {
	}

	/**
	 * Counts one more piece of work.
	 */
	public void begin() {
		this.count.incrementAndGet();
	}

	/**
	 * Counts one piece of work as finished.
	 */
	public void end() {
		this.count.decrementAndGet();
	}

	/**
	 * Returns the work begun and not ended.
	 * @return the count
	 */
	public int count() {
		return this.count.get();
	}

}
