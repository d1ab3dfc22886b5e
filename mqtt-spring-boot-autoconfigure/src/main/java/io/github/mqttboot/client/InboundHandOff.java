package io.github.mqttboot.client;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The one way off a connection's reading thread: a bounded queue per worker, drained by worker
 * threads the client owns, with every queued, running, parked or delayed item counted as the
 * client's pending work. Items with the same key go to the same worker, so their order is kept;
 * a worker can hold back one key (retry an item later, park the ones behind it) while its
 * other keys flow on. Nothing the processor throws ends a worker. Single use: it accepts items
 * from creation until {@link #finish(long)}; from {@link #start()} on, each worker's thread starts
 * with its first item, so that a listener that gets no message holds no thread.
 *
 * @param <T> the type of the items
 * @author mqtt-spring-boot-starter
 * @since 0.1.0
 */
public final class InboundHandOff<T> {

	private final ThreadFactory threadFactory;

	private final PendingWork pendingWork;

	private final List<HandOffWorker<T>> workers;

	/** Items being queued right now; finish waits for them before ending the workers. */
	private final AtomicInteger entering = new AtomicInteger();

	private final PauseGate gate = new PauseGate();

	private volatile boolean accepting = true;

	private volatile boolean started;


	InboundHandOff(String name, int workers, int capacity, Consumer<? super T> processor, ThreadFactory threadFactory,
			PendingWork pendingWork) {
		this.threadFactory = threadFactory;
		this.pendingWork = pendingWork;
		List<HandOffWorker<T>> created = new ArrayList<>();
		for (int i = 0; i < Math.max(1, workers); i++) {
			created.add(new HandOffWorker<>(name, capacity, processor, pendingWork, this.gate, this.entering));
		}
		this.workers = List.copyOf(created);
	}

	/**
	 * Lets the workers run: the threads of those with items start now, the others' with their
	 * first item; items queued before wait for this. Idempotent.
	 */
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
			for (HandOffWorker<T> worker : this.workers) {
				if (!worker.queue.isEmpty()) {
					startThread(worker);
				}
			}
		}
	}

	/**
	 * The worker of a key, its thread started if the hand-off is: before a wait for room, which
	 * only a running worker ends, and again after queueing, in case {@link #start()} ran between.
	 */
	private HandOffWorker<T> runningWorkerFor(Object key) {
		HandOffWorker<T> worker = workerFor(key);
		startIfIdle(worker);
		return worker;
	}

	private void startIfIdle(HandOffWorker<T> worker) {
		if (this.started && !worker.hasThread()) {
			synchronized (this) {
				// finish() stops accepting under this lock: no thread starts once it ends the workers
				if (this.accepting && !worker.hasThread()) {
					startThread(worker);
				}
			}
		}
	}

	private void startThread(HandOffWorker<T> worker) {
		Thread thread = this.threadFactory.newThread(worker);
		worker.runsOn(thread);
		thread.start();
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
				HandOffWorker<T> worker = runningWorkerFor(key);
				worker.queue.put(item);
				if (worker.dropIfEnded(item)) {
					return false;
				}
				startIfIdle(worker);
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
		return offer(key, item, 0);
	}

	/**
	 * Queues an item, waiting for room only while its worker keeps taking items: at most
	 * {@code patienceNanos} for each item the worker takes, not counting time in which the
	 * caller itself was held (a collection). Once a wait ran out, items for that worker are
	 * refused at once until it takes one again, so a paused or stuck worker holds up the caller
	 * once, not for every item.
	 * @param key chooses the worker
	 * @param item the item
	 * @param patienceNanos the longest wait for the worker to take an item, the caller's pauses
	 * aside
	 * @return whether it was queued
	 */
	public boolean offer(Object key, T item, long patienceNanos) {
		this.entering.incrementAndGet();
		try {
			if (!this.accepting) {
				return false;
			}
			this.pendingWork.begin();
			HandOffWorker<T> worker = runningWorkerFor(key);
			if (!worker.offer(item, patienceNanos)) {
				this.pendingWork.end();
				return false;
			}
			if (worker.dropIfEnded(item)) {
				return false;
			}
			startIfIdle(worker);
			return true;
		}
		finally {
			this.entering.decrementAndGet();
		}
	}

	private HandOffWorker<T> workerFor(Object key) {
		return this.workers.get(Math.floorMod(key.hashCode(), this.workers.size()));
	}

	/**
	 * Processes an item again after a delay, on the worker of its key; the worker takes its
	 * other work meanwhile. Items delayed when the hand-off finishes are dropped unprocessed.
	 * @param key the item's key
	 * @param item the item
	 * @param delayNanos the delay
	 */
	public void retryLater(Object key, T item, long delayNanos) {
		runningWorkerFor(key).retryLater(item, delayNanos);
	}

	/**
	 * Sets an item aside until {@link #unpark(Object)} of its key. Only from the worker of the
	 * key, while it processes an item of that key.
	 * @param key the item's key
	 * @param item the item
	 */
	public void park(Object key, T item) {
		workerFor(key).park(key, item);
	}

	/**
	 * Makes the items parked for a key the worker's next ones, in the order they were parked.
	 * Only from the worker of the key.
	 * @param key the key
	 */
	public void unpark(Object key) {
		workerFor(key).unpark(key);
	}

	/** Workers take no new item until {@link #resume()}; queued items wait, so may callers. */
	public void pause() {
		synchronized (this) {
			// a finishing hand-off takes no pause: its workers are to finish what was handed to them
			if (this.accepting) {
				this.gate.pause();
			}
		}
	}

	/** Lets workers take items again after {@link #pause()}. */
	public void resume() {
		this.gate.resume();
	}

	/**
	 * Returns whether the hand-off is paused.
	 * @return whether it is paused
	 */
	public boolean isPaused() {
		return this.gate.isPaused();
	}

	/**
	 * How long the longest handler call under way has been running.
	 * @return nanoseconds, 0 when no worker is busy
	 */
	public long longestCallNanos() {
		long now = System.nanoTime();
		return this.workers.stream().mapToLong((worker) -> worker.busyNanos(now)).max().orElse(0);
	}

	/**
	 * How long the longest-waiting queue with work in it has gone without its worker taking
	 * from it: a worker that makes no progress.
	 * @return nanoseconds, 0 when every queue is empty or being taken from
	 */
	public long longestStandstillNanos() {
		long now = System.nanoTime();
		return this.workers.stream().mapToLong((worker) -> worker.standstillNanos(now)).max().orElse(0);
	}

	/**
	 * Returns whether every worker runs, once started: a worker ends only on an
	 * {@link OutOfMemoryError}. A worker whose thread has not been needed yet counts as running.
	 * @return whether the workers are alive
	 */
	public boolean isAlive() {
		return !this.started || !this.accepting || this.workers.stream().allMatch(HandOffWorker::isAlive);
	}

	/**
	 * Returns the items queued and not yet taken by a worker.
	 * @return the count
	 */
	public int queued() {
		int queued = 0;
		for (HandOffWorker<T> worker : this.workers) {
			queued += worker.queue.size();
		}
		return queued;
	}

	/**
	 * Stops accepting, lets the workers finish what was queued until the deadline, then
	 * interrupts them. Items left are dropped unprocessed (an MQTT message then stays
	 * unacknowledged, and the broker may send it again). Called from a worker's own processor,
	 * it returns without waiting for the workers, each of which ends once its queue is done and
	 * nothing is being queued, or the deadline passed.
	 * @param deadlineNanos the {@link System#nanoTime()} by which to be done
	 */
	public void finish(long deadlineNanos) {
		synchronized (this) {
			// a worker's thread starts under this lock only while accepting
			this.accepting = false;
		}
		resume();
		HandOffWorker<T> caller = this.workers.stream()
			.filter(HandOffWorker::runsOnCurrentThread)
			.findFirst()
			.orElse(null);
		if (caller != null) {
			// from a worker's own processor, which can wait neither for itself nor for the items
			// being queued (one may wait for room in this worker's queue): each worker ends once
			// its queue is done and nothing is being queued, or the deadline passed; the caller,
			// once ended, waits for the others and interrupts them at the deadline
			for (HandOffWorker<T> worker : this.workers) {
				worker.finishLater(deadlineNanos);
			}
			caller.whenEnded(() -> this.workers.stream()
				.filter((worker) -> worker != caller)
				.forEach((worker) -> worker.finish(deadlineNanos)));
			return;
		}
		// an item that saw the hand-off accepting is queued before the workers may end
		while (this.entering.get() > 0 && System.nanoTime() < deadlineNanos) {
			LockSupport.parkNanos(1_000_000);
		}
		for (HandOffWorker<T> worker : this.workers) {
			worker.finish(deadlineNanos);
		}
	}

}
