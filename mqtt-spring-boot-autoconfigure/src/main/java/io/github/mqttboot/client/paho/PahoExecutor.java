package io.github.mqttboot.client.paho;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.mqttboot.client.OwnedThreads;

/**
 * Paho's pool, made of owned threads. Paho renames a thread for each task it runs; the
 * thread gets its own name back when the task ends.
 *
 * @author mqtt-spring-boot-starter
 */
final class PahoExecutor extends ScheduledThreadPoolExecutor {

	private final OwnedThreads threads;

	/** Counted down when Paho's connect task (its first {@code execute}) has ended. */
	final CountDownLatch connectTaskDone = new CountDownLatch(1);

	private final AtomicBoolean connectTaskSeen = new AtomicBoolean();

	PahoExecutor(int size, OwnedThreads threads, String role) {
		super(size, threads.factory(role));
		this.threads = threads;
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
		try {
			super.execute(() -> {
				try {
					command.run();
				}
				finally {
					this.connectTaskDone.countDown();
				}
			});
		}
		catch (RuntimeException ex) {
			this.connectTaskDone.countDown();
			throw ex;
		}
	}

	@Override
	protected void afterExecute(Runnable task, Throwable failure) {
		this.threads.restoreName();
	}

}
