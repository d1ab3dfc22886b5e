package io.github.mqttboot.client.driver.paho;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class BatchingSocketOutputTests {

	private static final int PUBLISH_QOS_1 = 0x32;

	private static final int PUBACK = 0x40;

	private static final int PINGREQ = 0xC0;

	/** Takes held-back flushes and runs none, so that a test sees what is held; one runs them. */
	private final ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1) {

		@Override
		public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
			return null;
		}

	};

	private final UnwrittenPackets unwritten = new UnwrittenPackets();

	private final CountingSocket socket = new CountingSocket();

	private final BatchingSocketOutput out = new BatchingSocketOutput(this.socket, this.unwritten);

	@BeforeEach
	void flushLateOnThePool() {
		this.unwritten.flushLateOn(this.pool);
	}

	@AfterEach
	void stopThePool() {
		this.pool.shutdownNow();
	}

	@Test
	void aPublishWithNothingBehindItIsSentAtOnce() throws IOException {
		this.unwritten.handing();
		byte[] publish = send(PUBLISH_QOS_1, 1);
		assertThat(this.socket.writes).isOne();
		assertThat(this.socket.flushes).isOne();
		assertThat(this.socket.sent()).isEqualTo(publish);
	}

	@Test
	void aBurstOfPublishesLeavesInOneWriteWhenItsLastIsWritten() throws IOException {
		ByteArrayOutputStream burst = new ByteArrayOutputStream();
		handing(100);
		for (int i = 0; i < 99; i++) {
			burst.write(send(PUBLISH_QOS_1, i));
		}
		assertThat(this.socket.writes).isZero();
		burst.write(send(PUBLISH_QOS_1, 99));
		assertThat(this.socket.writes).isOne();
		assertThat(this.socket.sent()).isEqualTo(burst.toByteArray());
	}

	@Test
	void aBurstOfAcknowledgementsLeavesInOneWriteWhenItsLastIsWritten() throws IOException {
		ByteArrayOutputStream burst = new ByteArrayOutputStream();
		handing(50);
		for (int i = 0; i < 49; i++) {
			burst.write(send(PUBACK, i));
		}
		assertThat(this.socket.writes).isZero();
		burst.write(send(PUBACK, 49));
		assertThat(this.socket.writes).isOne();
		assertThat(this.socket.sent()).isEqualTo(burst.toByteArray());
	}

	@Test
	void anAcknowledgementWithNothingBehindItIsSentAtOnce() throws IOException {
		this.unwritten.handing();
		byte[] ack = send(PUBACK, 7);
		assertThat(this.socket.writes).isOne();
		assertThat(this.socket.flushes).isOne();
		assertThat(this.socket.sent()).isEqualTo(ack);
	}

	@Test
	void anAcknowledgementWaitsForAPublishHandedBeforeIt() throws IOException {
		handing(2);
		byte[] ack = send(PUBACK, 7);
		assertThat(this.socket.writes).isZero();
		byte[] publish = send(PUBLISH_QOS_1, 1);
		assertThat(this.socket.writes).isOne();
		assertThat(this.socket.sent()).isEqualTo(concat(ack, publish));
	}

	@Test
	void anyOtherPacketIsSentAtOnceWithThePacketsThatWait() throws IOException {
		handing(3);
		byte[] publish = send(PUBLISH_QOS_1, 1);
		byte[] ping = send(PINGREQ, 0);
		assertThat(this.socket.writes).isOne();
		assertThat(this.socket.sent()).isEqualTo(concat(publish, ping));
	}

	@Test
	void aHeldPublishIsSentSoonEvenIfTheSenderWritesNothingMore() throws IOException {
		ScheduledThreadPoolExecutor runningPool = new ScheduledThreadPoolExecutor(1);
		this.unwritten.flushLateOn(runningPool);
		try {
			handing(2);
			byte[] publish = send(PUBLISH_QOS_1, 1);
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(this.socket.sent()).isEqualTo(publish));
		}
		finally {
			runningPool.shutdownNow();
		}
	}

	@Test
	void aPublishThatPahoRefusedHoldsNothingBack() throws IOException {
		handing(2);
		byte[] publish = send(PUBLISH_QOS_1, 1);
		this.unwritten.refused();
		byte[] next = send(PUBLISH_QOS_1, 2);
		assertThat(this.socket.writes).isOne();
		assertThat(this.socket.sent()).isEqualTo(concat(publish, next));
	}

	@Test
	void aPublishWrittenThatWasNotCountedLeavesTheCountAtZero() throws IOException {
		send(PUBLISH_QOS_1, 1);
		handing(2);
		send(PUBLISH_QOS_1, 2);
		assertThat(this.socket.writes).as("the second publish is still to come").isOne();
		send(PUBLISH_QOS_1, 3);
		assertThat(this.socket.writes).isEqualTo(2);
		assertThat(this.unwritten.any()).isFalse();
	}

	@Test
	void withoutAPoolToFlushLaterNothingIsHeld() throws IOException {
		UnwrittenPackets unpooled = new UnwrittenPackets();
		BatchingSocketOutput output = new BatchingSocketOutput(this.socket, unpooled);
		unpooled.handing();
		unpooled.handing();
		byte[] publish = packet(PUBLISH_QOS_1, 1, 20);
		output.write(publish, 0, publish.length);
		output.flush();
		assertThat(this.socket.sent()).isEqualTo(publish);
	}

	@Test
	void aFullBufferIsWrittenWithoutWaitingForTheFlush() throws IOException {
		int perPacket = 1_000;
		int packets = BatchingSocketOutput.BUFFER_SIZE / perPacket + 1;
		handing(packets + 1);
		for (int i = 0; i < packets; i++) {
			byte[] publish = packet(PUBLISH_QOS_1, i, perPacket);
			this.out.write(publish, 0, publish.length);
			this.out.flush();
		}
		assertThat(this.socket.writes).isOne();
		assertThat(this.socket.sent()).hasSize((packets - 1) * perPacket);
	}

	@Test
	void aPacketLargerThanTheBufferGoesStraightToTheSocket() throws IOException {
		this.unwritten.handing();
		byte[] large = packet(PUBLISH_QOS_1, 1, BatchingSocketOutput.BUFFER_SIZE * 2);
		this.out.write(large, 0, large.length);
		assertThat(this.socket.sent()).isEqualTo(large);
	}

	@Test
	void closingSendsWhatIsHeld() throws IOException {
		handing(2);
		byte[] publish = send(PUBLISH_QOS_1, 1);
		this.out.close();
		assertThat(this.socket.sent()).isEqualTo(publish);
		assertThat(this.socket.closed).isTrue();
	}

	/** Counts publishes or acknowledgements handed to Paho, as the connection does before each. */
	private void handing(int packets) {
		for (int i = 0; i < packets; i++) {
			this.unwritten.handing();
		}
	}

	/** Writes a packet as Paho's sender does (through its buffered stream), then flushes. */
	private byte[] send(int firstByte, int index) throws IOException {
		byte[] packet = packet(firstByte, index, 20);
		this.out.write(packet, 0, packet.length);
		this.out.flush();
		return packet;
	}

	private static byte[] packet(int firstByte, int index, int size) {
		byte[] packet = new byte[size];
		Arrays.fill(packet, (byte) index);
		packet[0] = (byte) firstByte;
		return packet;
	}

	private static byte[] concat(byte[] first, byte[] second) {
		byte[] both = Arrays.copyOf(first, first.length + second.length);
		System.arraycopy(second, 0, both, first.length, second.length);
		return both;
	}

	/** A socket's stream as seen from above: counts writes and flushes. */
	private static final class CountingSocket extends OutputStream {

		private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

		volatile int writes;

		volatile int flushes;

		volatile boolean closed;

		@Override
		public void write(int b) {
			throw new AssertionError("single-byte writes must not reach the socket");
		}

		@Override
		public synchronized void write(byte[] buffer, int offset, int length) {
			this.writes++;
			this.bytes.write(buffer, offset, length);
		}

		@Override
		public void flush() {
			this.flushes++;
		}

		@Override
		public void close() {
			this.closed = true;
		}

		synchronized byte[] sent() {
			return this.bytes.toByteArray();
		}

	}

}
