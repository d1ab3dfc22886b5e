package io.github.mqttboot.client.driver.paho;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A socket's output that sends a burst of publishes or of QoS 1 acknowledgements in a few writes.
 * Paho's sender flushes after every packet: with Nagle's algorithm off (as the starter sets it)
 * that is one system call and one TCP segment per packet, which both ends pay for. Here the flush
 * after a PUBLISH or a PUBACK waits while {@link UnwrittenPackets} says the sender is about to
 * write another one, and happens when the last of them is written, when the buffer is full, or
 * {@value #LATEST_FLUSH_MILLIS} ms later, whichever comes first. Any other packet (a ping,
 * SUBSCRIBE, DISCONNECT before the socket closes) is flushed at once with what waits, and so is
 * a publish or acknowledgement with nothing behind it: latency is unchanged. Paho writes each
 * packet and then flushes, so the first byte after a flush starts a packet and names its type.
 *
 * @author mqtt-spring-boot-starter
 */
final class BatchingSocketOutput extends OutputStream {

	/** The longest a held-back flush waits, whatever the sender does. */
	static final long LATEST_FLUSH_MILLIS = 2;

	static final int BUFFER_SIZE = 16 * 1024;

	private static final int PUBLISH = 3;

	private static final int PUBACK = 4;

	private final OutputStream out;

	private final UnwrittenPackets unwritten;

	private final byte[] buffer = new byte[BUFFER_SIZE];

	private final Runnable lateFlush = this::lateFlush;

	private int count;

	private boolean packetStart = true;

	private boolean batchedPacket;

	private boolean lateFlushScheduled;

	BatchingSocketOutput(OutputStream out, UnwrittenPackets unwritten) {
		this.out = out;
		this.unwritten = unwritten;
	}

	@Override
	public synchronized void write(int b) throws IOException {
		starting(b);
		if (this.count == this.buffer.length) {
			drain();
		}
		this.buffer[this.count++] = (byte) b;
	}

	@Override
	public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
		if (length == 0) {
			return;
		}
		starting(bytes[offset]);
		if (length > this.buffer.length - this.count) {
			drain();
		}
		if (length >= this.buffer.length) {
			this.out.write(bytes, offset, length);
			return;
		}
		System.arraycopy(bytes, offset, this.buffer, this.count, length);
		this.count += length;
	}

	@Override
	public synchronized void flush() throws IOException {
		this.packetStart = true;
		if (this.batchedPacket && this.unwritten.any() && (this.lateFlushScheduled || scheduleLateFlush())) {
			return;
		}
		send();
	}

	@Override
	public synchronized void close() throws IOException {
		try {
			drain();
		}
		finally {
			this.out.close();
		}
	}

	private void starting(int firstByte) {
		if (this.packetStart) {
			this.packetStart = false;
			int type = (firstByte >> 4) & 0x0F;
			this.batchedPacket = type == PUBLISH || type == PUBACK;
			if (this.batchedPacket) {
				this.unwritten.written();
			}
		}
	}

	private boolean scheduleLateFlush() {
		this.lateFlushScheduled = this.unwritten.flushLater(this.lateFlush, LATEST_FLUSH_MILLIS);
		return this.lateFlushScheduled;
	}

	private synchronized void lateFlush() {
		this.lateFlushScheduled = false;
		try {
			send();
		}
		catch (IOException ex) {
			// the sender's next write meets the same broken socket and reports it
		}
	}

	private void send() throws IOException {
		drain();
		this.out.flush();
	}

	private void drain() throws IOException {
		if (this.count > 0) {
			int length = this.count;
			this.count = 0;
			this.out.write(this.buffer, 0, length);
		}
	}

}
