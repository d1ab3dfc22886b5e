package io.github.mqttboot.client.driver.paho;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class BufferedSocketInputTests {

	@Test
	void smallReadsOfManyPacketsTakeOneReadOfTheSocket() throws IOException {
		byte[] packets = packets(200, 3);
		CountingStream socket = new CountingStream(packets);
		DataInputStream in = new DataInputStream(new BufferedSocketInput(socket));
		for (int i = 0; i < 200; i++) {
			assertThat(in.available()).isPositive();
			assertThat(in.readByte()).isEqualTo((byte) 0x30);
			int length = in.readUnsignedByte();
			byte[] rest = new byte[length];
			in.readFully(rest);
			assertThat(rest).containsOnly((byte) i);
		}
		assertThat(socket.reads).isOne();
		assertThat(socket.availableCalls).isOne();
	}

	@Test
	void aReadThatTimesOutLosesNothingAndTheNextOneGoesOn() throws IOException {
		CountingStream socket = new CountingStream(new byte[] { 1, 2, 3, 4 });
		socket.chunk = 2;
		BufferedSocketInput in = new BufferedSocketInput(socket);
		assertThat(in.read()).isEqualTo(1);
		socket.timeOutNextRead = true;
		assertThat(in.read()).isEqualTo(2);
		assertThatExceptionOfType(SocketTimeoutException.class).isThrownBy(in::read);
		byte[] two = new byte[2];
		assertThat(in.read(two, 0, 2)).isEqualTo(2);
		assertThat(two).containsExactly(3, 4);
		assertThat(in.read()).isEqualTo(-1);
	}

	@Test
	void aPayloadLargerThanABlockGoesStraightIntoTheCallersArray() throws IOException {
		byte[] payload = new byte[BufferedSocketInput.BLOCK_SIZE * 2];
		Arrays.fill(payload, (byte) 7);
		CountingStream socket = new CountingStream(payload);
		DataInputStream in = new DataInputStream(new BufferedSocketInput(socket));
		byte[] read = new byte[payload.length];
		in.readFully(read);
		assertThat(read).isEqualTo(payload);
		assertThat(socket.reads).isOne();
	}

	@Test
	void theGatedSocketReadsPacketsAcrossBlocksExactly() throws Exception {
		byte[] packets = packets(1_000, 40);
		try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
				Socket client = new GatedSocketFactory(1_000).createSocket(InetAddress.getLoopbackAddress(),
						server.getLocalPort());
				Socket peer = server.accept()) {
			client.setSoTimeout(10_000);
			// the gate opens at the first write, as with CONNECT
			client.getOutputStream().write(0);
			client.getOutputStream().flush();
			Thread writer = new Thread(() -> write(peer, packets));
			writer.start();
			DataInputStream in = new DataInputStream(client.getInputStream());
			assertThat(client.getInputStream()).isInstanceOf(BufferedSocketInput.class);
			for (int i = 0; i < 1_000; i++) {
				assertThat(in.readByte()).isEqualTo((byte) 0x30);
				byte[] rest = new byte[in.readUnsignedByte()];
				in.readFully(rest);
				assertThat(rest).containsOnly((byte) i);
			}
			writer.join(10_000);
		}
	}

	private static void write(Socket peer, byte[] bytes) {
		try {
			OutputStream out = peer.getOutputStream();
			out.write(bytes);
			out.flush();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** MQTT-like packets: a type byte, a one-byte length and {@code size} bytes of the packet's index. */
	private static byte[] packets(int count, int size) {
		byte[] packets = new byte[count * (size + 2)];
		for (int i = 0; i < count; i++) {
			int at = i * (size + 2);
			packets[at] = 0x30;
			packets[at + 1] = (byte) size;
			Arrays.fill(packets, at + 2, at + 2 + size, (byte) i);
		}
		return packets;
	}

	/** A socket's stream as seen from above: counts reads and available() calls, times out on demand. */
	private static final class CountingStream extends InputStream {

		private final ByteArrayInputStream bytes;

		int reads;

		int availableCalls;

		boolean timeOutNextRead;

		int chunk = Integer.MAX_VALUE;

		CountingStream(byte[] content) {
			this.bytes = new ByteArrayInputStream(content);
		}

		@Override
		public int read() {
			throw new AssertionError("single-byte reads must not reach the socket");
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			if (this.timeOutNextRead) {
				this.timeOutNextRead = false;
				throw new SocketTimeoutException("Read timed out");
			}
			this.reads++;
			return this.bytes.read(buffer, offset, Math.min(length, this.chunk));
		}

		@Override
		public int available() {
			this.availableCalls++;
			return this.bytes.available();
		}

	}

}
