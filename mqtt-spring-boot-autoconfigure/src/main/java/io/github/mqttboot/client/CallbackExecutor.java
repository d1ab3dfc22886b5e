package io.github.mqttboot.client;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs the dependent stages of the client's futures ({@link OffloadingFuture}) on owned threads
 * of their own, so that a blocking callback holds up neither the connection's I/O threads nor
 * the supervisor. Up to {@value #THREADS} callbacks run at once; idle threads end after
 * {@value #IDLE_SECONDS} seconds, so a client without callbacks runs none. While the client is
 * stopped, a callback runs on the thread that completes its future, which is then never an I/O
 * thread.
 *
 * @author mqtt-spring-boot-starter
 */
final class CallbackExecutor implements Executor {

	private static final int THREADS = 8;

	private static final int IDLE_SECONDS = 2;

	private final ThreadFactory threadFactory;

	private volatile ThreadPoolExecutor pool;

	CallbackExecutor(ThreadFactory threadFactory) {
		this.threadFactory = threadFactory;
	}

	synchronized void start() {
		if (this.pool == null) {
			ThreadPoolExecutor created = new ThreadPoolExecutor(THREADS, THREADS, IDLE_SECONDS, TimeUnit.SECONDS,
					new LinkedBlockingQueue<>(), this.threadFactory);
			created.allowCoreThreadTimeOut(true);
			this.pool = created;
		}
	}

	@Override
	public void execute(Runnable task) {
		ThreadPoolExecutor current = this.pool;
		if (current != null) {
			try {
				current.execute(task);
				return;
			}
			catch (RejectedExecutionException ex) {
				// stopped meanwhile: run it here
			}
		}
		task.run();
	}

	/**
	 * Lets the callbacks already handed over finish until the deadline, then ends the threads.
	 * @param deadlineNanos the {@link System#nanoTime()} by which to be done
	 */
	void stop(long deadlineNanos) {
		ThreadPoolExecutor current;
		synchronized (this) {
			current = this.pool;
			this.pool = null;
		}
		if (current == null) {
			return;
		}
		current.shutdown();
		try {
			if (!current.awaitTermination(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) {
				current.shutdownNow();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			current.shutdownNow();
		}
	}

}
