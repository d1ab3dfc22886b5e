package io.github.mqttboot.integration;

import java.time.Duration;

import io.github.mqttboot.client.InboundHandOff;
import io.github.mqttboot.client.ManagedMqttClient;

/**
 * Runs the work of Spring Integration adapters on one thread that the client owns, in arrival
 * order, off the driver's reading thread: a flow may publish and wait for the acknowledgement,
 * which that reading thread has to read. The hand-off is bounded; when it is full the reading
 * thread waits, as it does for listeners.
 *
 * @author mqtt-spring-boot-starter
 */
final class InboundDispatcher {

	/** All work goes to the one worker, in arrival order. */
	private static final Object ORDER = InboundDispatcher.class;

	private final ManagedMqttClient client;

	private final int capacity;

	/** Between start and stop; its worker starts with the first work. */
	private volatile InboundHandOff<Runnable> handOff;

	InboundDispatcher(ManagedMqttClient client, int capacity) {
		this.client = client;
		this.capacity = capacity;
	}

	synchronized void start() {
		if (this.handOff == null) {
			this.handOff = this.client.createInboundHandOff("integration", 1, this.capacity, Runnable::run);
		}
	}

	/**
	 * The hand-off, its worker started on first use, so that an application whose flows use no
	 * adapter (the starter brings Spring Integration) runs no thread for them.
	 */
	private InboundHandOff<Runnable> ready() {
		InboundHandOff<Runnable> current = this.handOff;
		if (current != null) {
			current.start();
		}
		return current;
	}

	/**
	 * Queues work, waiting while the hand-off is full.
	 * @param work the work
	 * @return whether it was queued: {@code false} once stopped
	 */
	boolean dispatch(Runnable work) {
		InboundHandOff<Runnable> current = ready();
		return current != null && current.put(ORDER, work);
	}

	/**
	 * Queues work if there is room, without waiting.
	 * @param work the work
	 * @return whether it was queued
	 */
	boolean offer(Runnable work) {
		InboundHandOff<Runnable> current = ready();
		return current != null && current.offer(ORDER, work);
	}

	/**
	 * Finishes the queued work within the timeout, then ends the thread.
	 * @param timeout the longest wait
	 */
	synchronized void stop(Duration timeout) {
		InboundHandOff<Runnable> current = this.handOff;
		this.handOff = null;
		if (current != null) {
			current.finish(System.nanoTime() + timeout.toNanos());
		}
	}

}
