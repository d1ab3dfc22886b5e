package io.github.mqttboot.client;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The one way off a connection's reading thread: a bounded queue per worker, drained by worker
 * threads the client owns, with every queued or running item counted as the client's pending
 * work. Items with the same key go to the same worker, so their order is kept. Nothing the
 * processor throws ends a worker. Single use: it accepts items from creation until
 * {@link #finish(long)}; its workers run from {@link #start()} on.
 *
 * @param <T> the type of the items
 * @author mqtt-spring-boot-starter
 */
public final class InboundHandOff<T> {

	private static final Log logger = LogFactory.getLog(InboundHandOff.class);

	private final String name;

	private final Consumer<? super T> processor;

	private final ThreadFactory threadFactory;

	private final PendingWork pendingWork;

	private final List<Worker> workers;

	/** Items being queued right now; finish waits for them before ending the workers. */
	private final AtomicInteger entering = new AtomicInteger();

	private final Object pauseLock = new Object();

	private volatile boolean accepting = true;

	private volatile boolean started;

	private volatile boolean paused;

	InboundHandOff(String name, int workers, int capacity, Consumer<? super T> processor, ThreadFactory threadFactory,
			PendingWork pendingWork) {
		this.name = name;
		this.processor = processor;
		this.threadFactory = threadFactory;
		this.pendingWork = pendingWork;
		List<Worker> created = new ArrayList<>();
		for (int i = 0; i < Math.max(1, workers); i++) {
			created.add(new Worker(new ArrayBlockingQueue<>(Math.max(1, capacity))));
		}
		this.workers = List.copyOf(created);
	}

	/** Starts the workers; items queued before wait for this. Idempotent. */
	public void start() {
		if (this.started) {
			// the reading thread's path for work started on first use: no lock
			return;
		}
		synchronized (this) {
			if (this.started || !this.accepting) {
				return;
			}
			this.started = true;
			for (Worker worker : this.workers) {
				worker.thread = this.threadFactory.newThread(worker);
				worker.thread.start();
			}
		}
	}

	/**
	 * Queues an item for the worker of its key, waiting while that worker's queue is full.
	 * @param key chooses the worker: equal keys, one worker, in order
	 * @param item the item
	 * @return {@code false} when finished, or interrupted while waiting
	 */
	public boolean put(Object key, T item) {
		this.entering.incrementAndGet();
		try {
			if (!this.accepting) {
				return false;
			}
			this.pendingWork.begin();
			try {
				workerFor(key).queue.put(item);
				return true;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				this.pendingWork.end();
				return false;
			}
		}
		finally {
			this.entering.decrementAndGet();
		}
	}

	/**
	 * Queues an item if its worker's queue has room, without waiting.
	 * @param key chooses the worker
	 * @param item the item
	 * @return whether it was queued
	 */
	public boolean offer(Object key, T item) {
		this.entering.incrementAndGet();
		try {
			if (!this.accepting) {
				return false;
			}
			this.pendingWork.begin();
			if (!workerFor(key).queue.offer(item)) {
				this.pendingWork.end();
				return false;
			}
			return true;
		}
		finally {
			this.entering.decrementAndGet();
		}
	}

	private Worker workerFor(Object key) {
		return this.workers.get(Math.floorMod(key.hashCode(), this.workers.size()));
	}

	/** Workers take no new item until {@link #resume()}; queued items wait, so may callers. */
	public void pause() {
		this.paused = true;
	}

	public void resume() {
		synchronized (this.pauseLock) {
			this.paused = false;
			this.pauseLock.notifyAll();
		}
	}

	public boolean isPaused() {
		return this.paused;
	}

	/** Items queued and not yet taken by a worker. */
	public int queued() {
		int queued = 0;
		for (Worker worker : this.workers) {
			queued += worker.queue.size();
		}
		return queued;
	}

	/**
	 * Stops accepting, lets the workers finish what was queued until the deadline, then
	 * interrupts them. Items left are dropped unprocessed (an MQTT message then stays
	 * unacknowledged, and the broker may send it again).
	 * @param deadlineNanos the {@link System#nanoTime()} by which to be done
	 */
	public void finish(long deadlineNanos) {
		this.accepting = false;
		resume();
		// an item that saw the hand-off accepting is queued before the workers may end
		while (this.entering.get() > 0 && System.nanoTime() < deadlineNanos) {
			LockSupport.parkNanos(1_000_000);
		}
		for (Worker worker : this.workers) {
			worker.finish(deadlineNanos);
		}
	}

	private void awaitUnpaused() throws InterruptedException {
		synchronized (this.pauseLock) {
			while (this.paused) {
				this.pauseLock.wait();
			}
		}
	}

	/** One worker: its queue and its thread. */
	private final class Worker implements Runnable {

		private final BlockingQueue<T> queue;

		private volatile boolean finishing;

		private volatile Thread thread;

		Worker(BlockingQueue<T> queue) {
			this.queue = queue;
		}

		@Override
		public void run() {
			try {
				while (!this.finishing || !this.queue.isEmpty()) {
					T item = this.queue.poll(100, TimeUnit.MILLISECONDS);
					if (item != null) {
						awaitUnpaused();
						process(item);
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

		private void process(T item) {
			try {
				InboundHandOff.this.processor.accept(item);
			}
			catch (OutOfMemoryError ex) {
				throw ex;
			}
			catch (Throwable ex) {
				// the processor handles its own failures; this is the last line: the worker goes on
				logger.error("Unexpected failure in " + InboundHandOff.this.name + "; taking the next item", ex);
			}
			finally {
				InboundHandOff.this.pendingWork.end();
			}
		}

		private void abandonQueued() {
			while (this.queue.poll() != null) {
				InboundHandOff.this.pendingWork.end();
			}
		}

		void finish(long deadlineNanos) {
			this.finishing = true;
			Thread running = this.thread;
			if (running == null) {
				abandonQueued();
				return;
			}
			try {
				running.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime())));
				if (running.isAlive()) {
					logger.warn(InboundHandOff.this.name + " did not finish its queued work in time; interrupting "
							+ running.getName());
					running.interrupt();
					running.join(1000);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			abandonQueued();
		}

	}

}
