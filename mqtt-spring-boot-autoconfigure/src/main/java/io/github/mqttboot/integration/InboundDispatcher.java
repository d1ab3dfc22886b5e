package io.github.mqttboot.integration;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import io.github.mqttboot.client.ManagedMqttClient;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Runs the work of Spring Integration adapters on one thread that the client owns, in arrival
 * order, off the driver's reading thread: a flow may publish and wait for the acknowledgement,
 * which that reading thread has to read. The hand-off is bounded; when it is full the reading
 * thread waits, as it does for listeners.
 *
 * @author mqtt-spring-boot-starter
 */
final class InboundDispatcher {

	private static final Log logger = LogFactory.getLog(InboundDispatcher.class);

	private final ManagedMqttClient client;

	private final BlockingQueue<Runnable> queue;

	private volatile Thread thread;

	/** Taking work: between start and stop. The thread itself starts with the first work. */
	private volatile boolean accepting;

	private volatile boolean finishing;

	InboundDispatcher(ManagedMqttClient client, int capacity) {
		this.client = client;
		this.queue = new ArrayBlockingQueue<>(capacity);
	}

	synchronized void start() {
		this.finishing = false;
		this.accepting = true;
	}

	/**
	 * Whether work may be queued; starts the thread on first use, so that an application whose
	 * flows use no adapter (the starter brings Spring Integration) runs no thread for them.
	 */
	private boolean ready() {
		if (!this.accepting || this.finishing) {
			return false;
		}
		if (this.thread != null) {
			// the reading thread's path: no lock, which stop holds while it waits for the work
			return true;
		}
		synchronized (this) {
			if (!this.accepting || this.finishing) {
				return false;
			}
			if (this.thread == null) {
				this.thread = this.client.getThreads().factory("integration", false).newThread(this::run);
				this.thread.start();
			}
			return true;
		}
	}

	/**
	 * Queues work, waiting while the hand-off is full.
	 * @param work the work
	 * @return whether it was queued: {@code false} once stopped
	 */
	boolean dispatch(Runnable work) {
		if (!ready()) {
			return false;
		}
		this.client.getPendingWork().begin();
		try {
			this.queue.put(work);
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.client.getPendingWork().end();
			return false;
		}
	}

	/**
	 * Queues work if there is room, without waiting.
	 * @param work the work
	 * @return whether it was queued
	 */
	boolean offer(Runnable work) {
		if (!ready()) {
			return false;
		}
		this.client.getPendingWork().begin();
		if (!this.queue.offer(work)) {
			this.client.getPendingWork().end();
			return false;
		}
		return true;
	}

	private void run() {
		try {
			while (!this.finishing || !this.queue.isEmpty()) {
				Runnable work = this.queue.poll(100, TimeUnit.MILLISECONDS);
				if (work != null) {
					runOne(work);
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			abandonQueued();
		}
	}

	private void runOne(Runnable work) {
		try {
			work.run();
		}
		catch (RuntimeException ex) {
			logger.warn("Spring Integration work on MQTT client '" + this.client.getName() + "' failed", ex);
		}
		finally {
			this.client.getPendingWork().end();
		}
	}

	/** Work left when the deadline passed is dropped unacknowledged: the broker may send it again. */
	private void abandonQueued() {
		while (this.queue.poll() != null) {
			this.client.getPendingWork().end();
		}
	}

	/**
	 * Finishes the queued work within the timeout, then ends the thread.
	 * @param timeout the longest wait
	 */
	synchronized void stop(Duration timeout) {
		this.accepting = false;
		Thread current = this.thread;
		if (current == null) {
			return;
		}
		this.finishing = true;
		try {
			current.join(Math.max(1, timeout.toMillis()));
			if (current.isAlive()) {
				logger.warn("Spring Integration work on MQTT client '" + this.client.getName()
						+ "' did not finish in time; interrupting " + current.getName());
				current.interrupt();
				current.join(1000);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		abandonQueued();
		this.thread = null;
	}

}
