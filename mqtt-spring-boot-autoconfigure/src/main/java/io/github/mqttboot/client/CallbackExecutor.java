package io.github.mqttboot.client;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Runs the dependent stages of the client's futures ({@link OffloadingFuture}) on owned threads
 * of their own, so that a blocking callback holds up neither the connection's I/O threads nor
 * the supervisor. One thread runs them while they return promptly: several threads taking turns
 * on one queue would wake a parked one for almost every callback. Another thread starts (up to
 * {@value #THREADS} at once) for callbacks that wait while every running one has been busy with
 * a single callback for {@value #STALL_MILLIS} ms, found when the next callback arrives or by a
 * check on the supervisor's thread, so that a blocking callback holds up the others by about
 * that long at most. A thread that finds nothing to do ends if another already waits, and the
 * last one after {@value #IDLE_SECONDS} idle seconds, so a client without callbacks runs none.
 * While the client is stopped, a callback runs on the thread that completes its future, which is
 * then never an I/O thread.
 *
 * @author mqtt-spring-boot-starter
 */
final class CallbackExecutor implements Executor {

	private static final Log logger = LogFactory.getLog(CallbackExecutor.class);

	static final int THREADS = 8;

	static final long STALL_MILLIS = 5;

	private static final int IDLE_SECONDS = 2;

	private final ThreadFactory threadFactory;

	private final Supplier<ScheduledExecutorService> checks;

	private final long stallNanos;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition work = this.lock.newCondition();

	private final Condition ended = this.lock.newCondition();

	private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();

	private final List<Worker> workers = new ArrayList<>();

	private int idle;

	private boolean running;

	private boolean checkScheduled;

	/**
	 * Creates an executor.
	 * @param threadFactory creates its threads
	 * @param checks where a check for busy threads runs; may return {@code null} (no check)
	 */
	CallbackExecutor(ThreadFactory threadFactory, Supplier<ScheduledExecutorService> checks) {
		this(threadFactory, checks, TimeUnit.MILLISECONDS.toNanos(STALL_MILLIS));
	}

	/**
	 * Creates an executor that takes a thread as stalled only after another time: a collection
	 * or a busy machine can hold a thread for the default.
	 * @param threadFactory creates its threads
	 * @param checks where a check for busy threads runs; may return {@code null} (no check)
	 * @param stallNanos how long a thread runs one callback before another may start
	 */
	CallbackExecutor(ThreadFactory threadFactory, Supplier<ScheduledExecutorService> checks, long stallNanos) {
		this.threadFactory = threadFactory;
		this.checks = checks;
		this.stallNanos = stallNanos;
	}

	void start() {
		this.lock.lock();
		try {
			this.running = true;
			// a check pending on the last run's supervisor may never run: it must not block new ones
			this.checkScheduled = false;
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public void execute(Runnable task) {
		this.lock.lock();
		try {
			if (this.running && queue(task)) {
				return;
			}
		}
		finally {
			this.lock.unlock();
		}
		task.run();
	}

	/** Queues a callback and sees that a thread takes it; {@code false} if none could start; under the lock. */
	private boolean queue(Runnable task) {
		this.tasks.add(task);
		if (this.idle > 0) {
			this.work.signal();
		}
		else if (mayAddWorker()) {
			if (!startWorker() && this.workers.isEmpty()) {
				this.tasks.removeLast();
				return false;
			}
		}
		else {
			scheduleCheck();
		}
		return true;
	}

	/**
	 * Lets the callbacks already handed over finish until the deadline, then ends the threads.
	 * @param deadlineNanos the {@link System#nanoTime()} by which to be done
	 */
	void stop(long deadlineNanos) {
		this.lock.lock();
		try {
			this.running = false;
			this.work.signalAll();
			while (!this.workers.isEmpty()) {
				long remaining = deadlineNanos - System.nanoTime();
				if (remaining <= 0) {
					abandon();
					return;
				}
				this.ended.awaitNanos(remaining);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			abandon();
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Drops what waits and interrupts what runs; under the lock. */
	private void abandon() {
		this.tasks.clear();
		this.workers.forEach(Worker::interrupt);
	}

	/** Whether another thread may start: none runs, or every one is busy too long with one callback; under the lock. */
	private boolean mayAddWorker() {
		if (this.workers.size() >= THREADS) {
			return false;
		}
		long now = System.nanoTime();
		for (Worker worker : this.workers) {
			if (!worker.busy || now - worker.since < this.stallNanos) {
				return false;
			}
		}
		return true;
	}

	/** Starts a thread; {@code false} if it could not; under the lock. */
	private boolean startWorker() {
		Worker worker = new Worker();
		try {
			worker.thread = this.threadFactory.newThread(worker);
			this.workers.add(worker);
			worker.thread.start();
			return true;
		}
		catch (RuntimeException | OutOfMemoryError ex) {
			this.workers.remove(worker);
			logger.warn("Could not start an MQTT callback thread: " + ex);
			return false;
		}
	}

	/** Looks again a moment later whether callbacks still wait behind busy threads; under the lock. */
	private void scheduleCheck() {
		if (this.checkScheduled) {
			return;
		}
		ScheduledExecutorService scheduler = this.checks.get();
		if (scheduler == null) {
			return;
		}
		try {
			scheduler.schedule(this::check, this.stallNanos, TimeUnit.NANOSECONDS);
			this.checkScheduled = true;
		}
		catch (RejectedExecutionException ex) {
			// the client is stopping
		}
	}

	private void check() {
		this.lock.lock();
		try {
			this.checkScheduled = false;
			if (!this.running || this.tasks.isEmpty() || this.idle > 0) {
				return;
			}
			if (mayAddWorker()) {
				startWorker();
			}
			scheduleCheck();
		}
		finally {
			this.lock.unlock();
		}
	}

	private final class Worker implements Runnable {

		/** Whether it runs a callback; under the lock. */
		private boolean busy;

		/** When its current callback started; under the lock. */
		private long since;

		private Thread thread;

		void interrupt() {
			this.thread.interrupt();
		}

		@Override
		public void run() {
			ReentrantLock lock = CallbackExecutor.this.lock;
			lock.lock();
			try {
				while (true) {
					Runnable task = CallbackExecutor.this.tasks.poll();
					if (task != null) {
						this.busy = true;
						this.since = System.nanoTime();
						lock.unlock();
						try {
							task.run();
						}
						catch (Throwable ex) {
							// a callback's failure belongs to its future's chain; this thread goes on
							logger.debug("MQTT callback failed", ex);
						}
						finally {
							// an interrupt meant for one callback is not the next one's
							Thread.interrupted();
							lock.lock();
							this.busy = false;
						}
						continue;
					}
					if (!CallbackExecutor.this.running || CallbackExecutor.this.idle > 0 || !awaitWork()) {
						return;
					}
				}
			}
			finally {
				CallbackExecutor.this.workers.remove(this);
				if (CallbackExecutor.this.running && CallbackExecutor.this.workers.isEmpty()
						&& !CallbackExecutor.this.tasks.isEmpty()) {
					// interrupted while a callback was being queued: none may be left behind
					startWorker();
				}
				CallbackExecutor.this.ended.signalAll();
				lock.unlock();
			}
		}

		/** Waits for a callback; {@code false} after the idle time or an interrupt. */
		private boolean awaitWork() {
			CallbackExecutor.this.idle++;
			try {
				long remaining = TimeUnit.SECONDS.toNanos(IDLE_SECONDS);
				while (CallbackExecutor.this.tasks.isEmpty() && CallbackExecutor.this.running) {
					if (remaining <= 0) {
						return false;
					}
					remaining = CallbackExecutor.this.work.awaitNanos(remaining);
				}
				return true;
			}
			catch (InterruptedException ex) {
				return false;
			}
			finally {
				CallbackExecutor.this.idle--;
			}
		}

	}

}
