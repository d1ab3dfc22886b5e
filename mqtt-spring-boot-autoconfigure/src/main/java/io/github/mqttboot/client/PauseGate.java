package io.github.mqttboot.client;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Holds workers back while paused. A lock rather than a monitor: a virtual worker waiting in
 * {@code Object.wait()} would pin its carrier thread before Java 24, and paused listeners could
 * then hold every carrier.
 *
 * @author mqtt-spring-boot-starter
 */
final class PauseGate {

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition resumed = this.lock.newCondition();

	private volatile boolean paused;

	void pause() {
		this.paused = true;
	}

	void resume() {
		this.lock.lock();
		try {
			this.paused = false;
			this.resumed.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	boolean isPaused() {
		return this.paused;
	}

	/** Returns at once unless paused; else waits for {@link #resume()}. */
	void await() throws InterruptedException {
		this.lock.lock();
		try {
			while (this.paused) {
				this.resumed.await();
			}
		}
		finally {
			this.lock.unlock();
		}
	}

}
