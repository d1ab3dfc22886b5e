package io.github.mqttboot.client.driver.paho;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A socket's input, read in blocks. Paho reads each packet's fixed header a byte at a time and
 * asks {@code available()} before each packet; straight from a socket each of those is a system
 * call, three or four per small message. Here they come from one block read. Read by one thread
 * (Paho's receiver), so nothing is synchronized; a read that times out leaves the buffer as it
 * was, so Paho can resume after its socket read timeout.
 *
 * @author mqtt-spring-boot-starter
 */
final class BufferedSocketInput extends FilterInputStream {

	/** Large enough for a few hundred small packets, small enough to be nothing per connection. */
	static final int BLOCK_SIZE = 16 * 1024;

	private final byte[] block = new byte[BLOCK_SIZE];

	private int position;

	private int limit;

	BufferedSocketInput(InputStream in) {
		super(in);
	}

	@Override
	public int read() throws IOException {
		if (this.position == this.limit && !fill()) {
			return -1;
		}
		return this.block[this.position++] & 0xFF;
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		if (length == 0) {
			return 0;
		}
		int buffered = this.limit - this.position;
		if (buffered == 0) {
			if (length >= this.block.length) {
				// a large payload goes straight into the caller's array
				return this.in.read(buffer, offset, length);
			}
			if (!fill()) {
				return -1;
			}
			buffered = this.limit;
		}
		int count = Math.min(buffered, length);
		System.arraycopy(this.block, this.position, buffer, offset, count);
		this.position += count;
		return count;
	}

	@Override
	public long skip(long count) throws IOException {
		int buffered = this.limit - this.position;
		if (buffered == 0) {
			return this.in.skip(count);
		}
		int skipped = (int) Math.min(buffered, count);
		this.position += skipped;
		return skipped;
	}

	@Override
	public int available() throws IOException {
		int buffered = this.limit - this.position;
		return (buffered > 0) ? buffered : this.in.available();
	}

	@Override
	public boolean markSupported() {
		return false;
	}

	@Override
	public void mark(int limit) {
	}

	@Override
	public void reset() throws IOException {
		throw new IOException("mark/reset not supported");
	}

	// one read of whatever the socket has, up to a block; false at the end of the stream
	private boolean fill() throws IOException {
		int count = this.in.read(this.block, 0, this.block.length);
		if (count <= 0) {
			return false;
		}
		this.position = 0;
		this.limit = count;
		return true;
	}

}
