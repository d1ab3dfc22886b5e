package io.github.mqttboot.client.driver.paho;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * Holds a socket's reads until its first write, at most until a cap: the gate of
 * {@link GatedSocketFactory}, shared by its plain and TLS sockets.
 *
 * @author mqtt-spring-boot-starter
 */
final class ReadGate {

	private final CountDownLatch gate = new CountDownLatch(1);

	private final long openBy;

	private final IntSupplier soTimeout;

	/**
	 * Creates a gate.
	 * @param capMillis the longest a read waits for the first write
	 * @param soTimeout the socket's read timeout, which also bounds a wait
	 */
	ReadGate(long capMillis, IntSupplier soTimeout) {
		this.openBy = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(capMillis);
		this.soTimeout = soTimeout;
	}

	void open() {
		this.gate.countDown();
	}

	boolean isOpen() {
		return this.gate.getCount() == 0;
	}

	InputStream input(InputStream in) {
		return new GatedInputStream(in);
	}

	OutputStream output(OutputStream out) {
		return new OpeningOutputStream(out);
	}

	private void awaitOpen() throws IOException {
		if (isOpen()) {
			return;
		}
		long remaining = this.openBy - System.nanoTime();
		int timeout = this.soTimeout.getAsInt();
		long wait = (timeout > 0) ? Math.min(remaining, TimeUnit.MILLISECONDS.toNanos(timeout)) : remaining;
		try {
			if (!this.gate.await(Math.max(wait, 0), TimeUnit.NANOSECONDS) && System.nanoTime() < this.openBy) {
				throw new SocketTimeoutException("Read timed out before CONNECT was sent");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("Interrupted before CONNECT was sent");
		}
	}

	private final class GatedInputStream extends FilterInputStream {

		GatedInputStream(InputStream in) {
			super(in);
		}

		@Override
		public int read() throws IOException {
			awaitOpen();
			return super.read();
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			awaitOpen();
			return super.read(buffer, offset, length);
		}

		@Override
		public int available() throws IOException {
			return isOpen() ? super.available() : 0;
		}

	}

	private final class OpeningOutputStream extends FilterOutputStream {

		OpeningOutputStream(OutputStream out) {
			super(out);
		}

		@Override
		public void write(int b) throws IOException {
			this.out.write(b);
			open();
		}

		@Override
		public void write(byte[] buffer, int offset, int length) throws IOException {
			this.out.write(buffer, offset, length);
			open();
		}

	}

}
