package io.github.mqttboot.client;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * One worker of an {@link InboundHandOff}: its bounded queue, its thread, and the items it holds
 * back (delayed for a retry, parked behind one). Nothing the processor throws ends it; only an
 * {@code OutOfMemoryError} does.
 *
 * @param <T> the type of the items
 * @author mqtt-spring-boot-starter
 */
final class HandOffWorker<T> implements Runnable {

	private static final Log logger = LogFactory.getLog(HandOffWorker.class);

	/** A wait for room is made of this many slices. */
	private static final int PATIENCE_SLICES = 10;

	private final String name;

	private final Consumer<? super T> processor;

	private final PendingWork pendingWork;

	private final PauseGate gate;

	/** Items the hand-off is queueing right now, for any of its workers. */
	private final AtomicInteger entering;

	final BlockingQueue<T> queue;

	/**
	 * Put in the queue to wake the worker where it waits for the next item (for a stop, or a
	 * retry set from another thread), so that an idle worker never wakes by itself; never
	 * processed.
	 */
	private final T wake;

	/** Items to process again, by due time. */
	private final DelayQueue<Due<T>> delayed = new DelayQueue<>();

	/** Items set aside by key; touched by this worker's thread only. */
	private final Map<Object, Deque<T>> parked = new HashMap<>();

	/** Unparked items, taken before the queue; this worker's thread only. */
	private final Deque<T> ready = new ArrayDeque<>();

	private volatile boolean finishing;

	/** Set before the queue is abandoned: whatever lands in it later is no one's. */
	private volatile boolean ended;

	/** Run by this worker's thread once it ended; set when it was stopped from its processor. */
	private volatile Runnable whenEnded;

	/** When a finishing worker takes no more queued items, as {@link System#nanoTime()}. */
	private volatile long finishBy;

	private volatile Thread thread;

	/** When the call under way started, or 0 when idle. */
	private volatile long busySince;

	/** When an item was last taken from the queue, or the worker was created. */
	private volatile long lastTaken = System.nanoTime();

	/** {@link #lastTaken} when a wait for room last ran out; no waiting until it changes. */
	private volatile long lastTakenWhenPatienceRanOut;

	HandOffWorker(String name, int capacity, Consumer<? super T> processor, PendingWork pendingWork, PauseGate gate,
			AtomicInteger entering) {
		this.name = name;
		this.entering = entering;
		this.queue = new ArrayBlockingQueue<>(Math.max(1, capacity));
		this.processor = processor;
		this.pendingWork = pendingWork;
		this.gate = gate;
		this.wake = wakeMarker();
	}

	@SuppressWarnings("unchecked")
	private static <T> T wakeMarker() {
		// erased to Object in the queue; compared by identity and never handed to the processor
		return (T) new Object();
	}

	/** The hand-off made this worker's thread, which runs it from now on. */
	void runsOn(Thread thread) {
		this.lastTaken = System.nanoTime();
		this.thread = thread;
	}

	boolean offer(T item, long patienceNanos) {
		if (this.queue.offer(item)) {
			return true;
		}
		long taken = this.lastTaken;
		if (patienceNanos <= 0 || taken == this.lastTakenWhenPatienceRanOut) {
			return false;
		}
		try {
			if (awaitRoom(item, patienceNanos)) {
				return true;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		this.lastTakenWhenPatienceRanOut = taken;
		return false;
	}

	/**
	 * Waits in slices, and counts a slice that ends late as one and a half at most: the
	 * waiting thread was held too (a collection, a busy machine), and the worker most likely
	 * with it. Each slice counts at least once, so a worker that takes nothing holds up the
	 * caller for the patience and for what held the caller itself, no longer.
	 */
	private boolean awaitRoom(T item, long patienceNanos) throws InterruptedException {
		long slice = Math.max(1, patienceNanos / PATIENCE_SLICES);
		long counted = 0;
		for (long sliceStart = System.nanoTime(); counted < patienceNanos;) {
			if (this.queue.offer(item, slice, TimeUnit.NANOSECONDS)) {
				return true;
			}
			long sliceEnd = System.nanoTime();
			counted += Math.min(sliceEnd - sliceStart, slice + slice / 2);
			sliceStart = sliceEnd;
		}
		return false;
	}

	void retryLater(T item, long delayNanos) {
		this.pendingWork.begin();
		this.delayed.add(new Due<>(item, System.nanoTime() + delayNanos));
		if (Thread.currentThread() != this.thread) {
			// the worker may be waiting for the queue without a deadline: it must see the retry's
			this.queue.offer(this.wake);
		}
	}

	void park(Object key, T item) {
		this.pendingWork.begin();
		this.parked.computeIfAbsent(key, (parked) -> new ArrayDeque<>()).add(item);
	}

	void unpark(Object key) {
		Deque<T> items = this.parked.remove(key);
		if (items != null) {
			this.ready.addAll(items);
		}
	}

	boolean hasThread() {
		return this.thread != null;
	}

	boolean runsOnCurrentThread() {
		return this.thread == Thread.currentThread();
	}

	/**
	 * Takes back an item that was queued after this worker abandoned its queue (the caller
	 * waited for room past the end): it is never processed.
	 * @return whether the item is dropped
	 */
	boolean dropIfEnded(T item) {
		if (!this.ended) {
			return false;
		}
		if (this.queue.remove(item)) {
			this.pendingWork.end();
		}
		// else the abandoning took it, and ended its pending work
		return true;
	}

	/** Whether the thread runs, or none was needed yet: nothing waits for it. */
	boolean isAlive() {
		Thread current = this.thread;
		return (current != null) ? current.isAlive() : this.queue.isEmpty() && this.delayed.isEmpty();
	}

	/** How long the call under way has been running, 0 when idle. */
	long busyNanos(long now) {
		long since = this.busySince;
		return (since != 0) ? now - since : 0;
	}

	/** How long the queue has had work without the worker taking any, 0 when empty. */
	long standstillNanos(long now) {
		return this.queue.isEmpty() ? 0 : now - this.lastTaken;
	}

	@Override
	public void run() {
		try {
			while (!this.finishing || (mayGetWork() && System.nanoTime() - this.finishBy < 0)) {
				T item = next();
				if (item != null) {
					awaitGate(item);
					process(item);
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			abandonQueued();
			Runnable then = this.whenEnded;
			if (then != null) {
				then.run();
			}
		}
	}

	private void awaitGate(T item) throws InterruptedException {
		try {
			this.gate.await();
		}
		catch (InterruptedException ex) {
			// taken and not processed: abandoned with the rest, and counted so
			this.ready.addFirst(item);
			throw ex;
		}
	}

	/**
	 * Whether work is queued, or may be: an item being queued may be for this worker. Items being
	 * queued are counted first: one that starts later sees the hand-off no longer accepting.
	 */
	private boolean mayGetWork() {
		return this.entering.get() > 0 || !this.queue.isEmpty() || !this.ready.isEmpty();
	}

	private T next() throws InterruptedException {
		T item = this.ready.poll();
		if (item != null) {
			return item;
		}
		Due<T> due = this.delayed.poll();
		if (due != null && !this.finishing) {
			return due.item();
		}
		if (due != null) {
			// a stop does not wait for a retry's delay
			this.pendingWork.end();
		}
		Due<T> next = this.delayed.peek();
		T taken;
		if (this.finishing) {
			// looks again soon: the item being queued may be another worker's
			taken = this.queue.poll(1, TimeUnit.MILLISECONDS);
		}
		else if (next != null) {
			taken = this.queue.poll(Math.max(0, next.getDelay(TimeUnit.NANOSECONDS)), TimeUnit.NANOSECONDS);
		}
		else {
			taken = this.queue.take();
		}
		return (taken != this.wake) ? taken : null;
	}

	private void process(T item) {
		this.lastTaken = System.nanoTime();
		this.busySince = this.lastTaken;
		try {
			this.processor.accept(item);
		}
		catch (OutOfMemoryError ex) {
			throw ex;
		}
		catch (Throwable ex) {
			// the processor handles its own failures; this is the last line: the worker goes on
			logger.error("Unexpected failure in " + this.name + "; taking the next item", ex);
		}
		finally {
			this.busySince = 0;
			this.pendingWork.end();
		}
	}

	/** Work left when the deadline passed is dropped: an MQTT message stays unacknowledged. */
	private void abandonQueued() {
		this.ended = true;
		int abandoned = this.ready.size() + this.delayed.size();
		this.ready.clear();
		this.delayed.clear();
		for (Deque<T> items : this.parked.values()) {
			abandoned += items.size();
		}
		this.parked.clear();
		for (T item = this.queue.poll(); item != null; item = this.queue.poll()) {
			if (item != this.wake) {
				abandoned++;
			}
		}
		for (int i = 0; i < abandoned; i++) {
			this.pendingWork.end();
		}
	}

	/**
	 * Lets the worker end once its queue is done and nothing is being queued, or the deadline
	 * passed, without waiting for it.
	 * @return the worker's thread, {@code null} if it never needed one (its queue is abandoned)
	 */
	Thread finishLater(long deadlineNanos) {
		this.finishBy = deadlineNanos;
		this.finishing = true;
		// an idle worker waits for the queue without a deadline; a full queue means it is busy
		this.queue.offer(this.wake);
		Thread running = this.thread;
		if (running == null) {
			abandonQueued();
		}
		return running;
	}

	/** What this worker's thread runs once it ended, after abandoning what was left. */
	void whenEnded(Runnable then) {
		this.whenEnded = then;
	}

	/** As {@link #finishLater(long)}, then waits for the worker, interrupting it at the deadline. */
	void finish(long deadlineNanos) {
		Thread running = finishLater(deadlineNanos);
		if (running == null) {
			return;
		}
		try {
			running.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime())));
			if (running.isAlive()) {
				logger.warn(this.name + " did not finish its queued work in time; interrupting " + running.getName());
				running.interrupt();
				running.join(1000);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		abandonQueued();
	}

	/** An item due at a time. */
	private record Due<T>(T item, long dueNanos) implements Delayed {

		@Override
		public long getDelay(TimeUnit unit) {
			return unit.convert(this.dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
		}

		@Override
		public int compareTo(Delayed other) {
			return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
		}

	}

}
