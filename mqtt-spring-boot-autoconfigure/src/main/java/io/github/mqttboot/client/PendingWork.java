package io.github.mqttboot.client;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts work handed to a client's workers and not finished: connect attempts, queued or running
 * listener deliveries, acknowledgements owed. Every {@link #begin()} has its {@link #end()} on
 * every path, or the {@code mqtt.client.workers.pending} gauge shows the leak.
 *
 * @author mqtt-spring-boot-starter
 */
public final class PendingWork {

	private final AtomicInteger count = new AtomicInteger();

	public void begin() {
		this.count.incrementAndGet();
	}

	public void end() {
		this.count.decrementAndGet();
	}

	public int count() {
		return this.count.get();
	}

}
