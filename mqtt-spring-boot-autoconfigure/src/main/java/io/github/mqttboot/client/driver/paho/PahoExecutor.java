package io.github.mqttboot.client.driver.paho;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.mqttboot.client.OwnedThreads;
import io.github.mqttboot.client.driver.ConnectRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Paho's pool, made of owned threads. Paho renames a thread for each task it runs; the
 * thread gets its own name back when the task ends. Paho's connect task, its first, runs once per
 * connection on a thread of its own that ends with it, so that the pool holds only what a live
 * connection needs (raw Paho's {@code MQTT Con} thread ends too). Shared by the MQTT 5 and 3.1.1
 * drivers, whose connect tasks and teardown are the same.
 *
 * @author mqtt-spring-boot-starter
 */
final class PahoExecutor extends ScheduledThreadPoolExecutor {

	/** A call on a Paho client; the two generations throw different checked exceptions. */
	@FunctionalInterface
	interface PahoCall {

		void run() throws Exception;

	}

	private static final Log logger = LogFactory.getLog(PahoExecutor.class);

	static final long RELEASE_WAIT_MILLIS = 2000;

	/** When the connect task's poll is woken after it submitted a worker: by then it runs. */
	private static final long[] NUDGE_MILLIS = { 2, 20 };

	private final OwnedThreads threads;

	private final ThreadFactory connectThreads;

	private volatile Thread connectThread;

	/** Counted down when Paho's connect task (its first {@code execute}) has ended. */
	final CountDownLatch connectTaskDone = new CountDownLatch(1);

	private final AtomicBoolean connectTaskSeen = new AtomicBoolean();

	PahoExecutor(int size, OwnedThreads threads, String role) {
		super(size, threads.factory(role));
		this.threads = threads;
		this.connectThreads = threads.factory(role);
		setRemoveOnCancelPolicy(true);
		// a pending ping must not keep a closed connection's pool alive
		setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
		setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
	}

	@Override
	public void execute(Runnable command) {
		if (!this.connectTaskSeen.compareAndSet(false, true)) {
			super.execute(command);
			return;
		}
		Thread thread = this.connectThreads.newThread(() -> {
			try {
				command.run();
			}
			finally {
				this.threads.restoreName();
				this.connectTaskDone.countDown();
			}
		});
		this.connectThread = thread;
		try {
			thread.start();
		}
		catch (RuntimeException | Error ex) {
			this.connectTaskDone.countDown();
			throw ex;
		}
	}

	/**
	 * Paho's connect task submits its receiver, sender and callback workers, then polls each
	 * with {@code while (!isRunning()) sleep(100)}: 300 ms of every connect spent asleep (paho
	 * #1089). Its {@code sleep} swallows an interrupt and checks again, so the poll is woken a
	 * moment after each worker is submitted; if the worker is not yet running, the poll simply
	 * sleeps again. Only the connect task's own thread is woken, and only while it sleeps.
	 */
	@Override
	public Future<?> submit(Runnable task) {
		Future<?> submitted = super.submit(task);
		Thread connect = this.connectThread;
		if (connect != null && connect == Thread.currentThread()) {
			try {
				for (long delay : NUDGE_MILLIS) {
					schedule(() -> wakeConnectPoll(connect), delay, TimeUnit.MILLISECONDS);
				}
			}
			catch (RejectedExecutionException ex) {
				// released meanwhile: nothing to hurry
			}
		}
		return submitted;
	}

	private void wakeConnectPoll(Thread connect) {
		if (this.connectTaskDone.getCount() > 0 && connect.getState() == Thread.State.TIMED_WAITING) {
			connect.interrupt();
		}
	}

	@Override
	protected void afterExecute(Runnable task, Throwable failure) {
		this.threads.restoreName();
	}

	/**
	 * Waits for Paho's connect task to end. Paho's connect task starts three workers and polls
	 * each until it runs, swallowing interrupts; stopping a worker that is submitted but not yet
	 * running strands that poll forever. So a connect task is never interrupted halfway: it sends
	 * CONNECT (or fails) first. It is bounded by the TCP connect timeout plus a few 100 ms polls.
	 * @param connectionTimeoutMillis the TCP connect timeout
	 * @param target the broker, for the log
	 */
	private void awaitConnectTask(long connectionTimeoutMillis, Object target) {
		long bound = connectionTimeoutMillis + RELEASE_WAIT_MILLIS;
		try {
			if (!this.connectTaskDone.await(bound, TimeUnit.MILLISECONDS)) {
				logger.warn("Paho's connect task to " + target + " did not end within " + bound + " ms; closing anyway");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Waits (a moment at most) for the connect task's thread to end, so that a connection
	 * reported as connected owns only its pool and the stranded-thread check counts no more.
	 */
	void awaitConnectThread() {
		Thread connect = this.connectThread;
		if (connect == null || connect == Thread.currentThread()) {
			return;
		}
		try {
			connect.join(RELEASE_WAIT_MILLIS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Releases a Paho client and this pool: waits for the connect task (see
	 * {@link #awaitConnectTask}), disconnects without a DISCONNECT packet, so that a silent peer
	 * is never waited on, closes, then shuts the pool down. The one sequence measured to free
	 * Paho's threads on every failure kind, for both Paho generations.
	 * <p>
	 * Paho's {@code stop()} of its reader returns before the reader has finished the packet it
	 * read: a CONNACK handled just after the forced disconnect marks the client connected again,
	 * so {@code close} refuses, and Paho's writer waits for work that never comes. When
	 * {@code close} refuses, the reader is done with that CONNACK: the sequence runs once more,
	 * and the pool is interrupted without the graceful wait (the connect task has ended, so no
	 * worker is still to start), which the writer of a closed client ends on.
	 * @param request the connection's request, for its timeout and broker
	 * @param forcedDisconnect the client's {@code disconnectForcibly(0, 0, false)}
	 * @param close the client's {@code close(true)}
	 */
	void releaseClient(ConnectRequest request, PahoCall forcedDisconnect, PahoCall close) {
		awaitConnectTask(request.settings().getConnectionTimeout().toMillis(), request.serverUri());
		quietly(forcedDisconnect, "Forced disconnect");
		boolean closed = quietly(close, "Close");
		if (!closed) {
			quietly(forcedDisconnect, "Forced disconnect, again");
			closed = quietly(close, "Close, again");
		}
		release(!closed && this.connectTaskDone.getCount() == 0);
	}

	private static boolean quietly(PahoCall call, String what) {
		try {
			call.run();
			return true;
		}
		catch (Exception ex) {
			logger.trace(what + ": " + ex);
			return false;
		}
	}

	/**
	 * Shuts the pool down: Paho never shuts down an executor it was given, its owner must. A
	 * graceful shutdown first, so that no submitted worker is dropped before it runs (see
	 * {@link #awaitConnectTask}).
	 * @param interruptAtOnce whether to interrupt the workers without the graceful wait
	 */
	private void release(boolean interruptAtOnce) {
		shutdown();
		try {
			if (interruptAtOnce || !awaitTermination(RELEASE_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
				shutdownNow();
				awaitTermination(RELEASE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		// past its task already (awaitConnectTask), so this is a moment at most
		awaitConnectThread();
	}

}
