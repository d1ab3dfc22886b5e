package io.github.mqttboot.client;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The supervisor's one thread, {@code mqtt-<client>-supervisor-<n>}, new for each run of the
 * client: connection work, deadlines, backoff timers and the watchdogs' checks run on it in
 * turn, so none races another. Work handed to it while the client is not running is dropped:
 * the stop released every connection already, and the next start restores what it needs.
 *
 * @author mqtt-spring-boot-starter
 */
final class SupervisorThread {

	private static final Log logger = LogFactory.getLog(ConnectionSupervisor.class);

	private final ThreadFactory factory;

	private volatile ScheduledThreadPoolExecutor executor;

	SupervisorThread(OwnedThreads threads) {
		// a platform thread also with virtual workers: it drives the drivers' connects and
		// closes, which block in their synchronized code, and keeps every deadline of the client
		this.factory = threads.factory("supervisor", false);
	}

	/**
	 * Starts the thread of a new run.
	 * @return its executor
	 */
	ScheduledThreadPoolExecutor start() {
		ScheduledThreadPoolExecutor started = new ScheduledThreadPoolExecutor(1, this.factory);
		started.setRemoveOnCancelPolicy(true);
		this.executor = started;
		return started;
	}

	/** The executor of the current or last run; {@code null} before the first. */
	ScheduledThreadPoolExecutor executor() {
		return this.executor;
	}

	/** Runs a task on the supervisor thread, or drops it when the client is not running. */
	void execute(Runnable task) {
		ScheduledThreadPoolExecutor current = this.executor;
		if (current == null) {
			return;
		}
		try {
			current.execute(task);
		}
		catch (RejectedExecutionException ex) {
			// stopped meanwhile: the stop already closed every connection
		}
	}

	/**
	 * Runs a quick check periodically on the supervisor thread while the client runs.
	 * @param check returns at once; a failure is logged and the check runs again
	 * @param period the time between two checks
	 * @return the scheduled check, to cancel; {@code null} when the client is not running
	 */
	ScheduledFuture<?> scheduleCheck(Runnable check, Duration period) {
		ScheduledThreadPoolExecutor current = this.executor;
		if (current == null || current.isShutdown()) {
			return null;
		}
		Runnable guarded = () -> {
			try {
				check.run();
			}
			catch (Throwable ex) {
				// whatever escaped would cancel the check for good, without a word: all is
				// caught, an OutOfMemoryError too, as Spring's scheduler does for repeating tasks
				logger.warn("Periodic check failed", ex);
			}
		};
		return current.scheduleWithFixedDelay(guarded, period.toNanos(), period.toNanos(), TimeUnit.NANOSECONDS);
	}

	/**
	 * Ends the thread of a run: drops what is scheduled and waits for the task under way.
	 * @param run the run's executor
	 * @param deadlineNanos the {@link System#nanoTime()} to wait until at most
	 */
	static void end(ScheduledThreadPoolExecutor run, long deadlineNanos) {
		run.shutdownNow();
		try {
			run.awaitTermination(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
