package io.github.mqttboot.client;

/**
 * Holds workers back while paused.
 *
 * @author mqtt-spring-boot-starter
 */
final class PauseGate {

	private final Object lock = new Object();

	private volatile boolean paused;

	void pause() {
		this.paused = true;
	}

	void resume() {
		synchronized (this.lock) {
			this.paused = false;
			this.lock.notifyAll();
		}
	}

	boolean isPaused() {
		return this.paused;
	}

	/** Returns at once unless paused; else waits for {@link #resume()}. */
	void await() throws InterruptedException {
		synchronized (this.lock) {
			while (this.paused) {
				this.lock.wait();
			}
		}
	}

}
