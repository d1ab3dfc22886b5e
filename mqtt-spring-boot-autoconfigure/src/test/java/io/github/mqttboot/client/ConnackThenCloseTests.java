package io.github.mqttboot.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A broker that accepts the CONNECT and closes the connection right after its CONNACK: the
 * loss comes while the driver is still completing the connect on another thread. It must reach
 * the client either as a failed attempt or as a loss, never be dropped: a client that took it
 * for a live connection would stay CONNECTED on it and never reconnect, and one that took it
 * for a failed attempt alone would never see the loop for what it is.
 */
class ConnackThenCloseTests {

	static Iterable<DriverPair> pairs() {
		return DriverPair.pairs();
	}

	@ParameterizedTest
	@MethodSource("pairs")
	void aConnectionClosedRightAfterItsConnackIsReplacedEveryTime(DriverPair pair) throws Exception {
		try (ConnackThenClose broker = new ConnackThenClose(pair.isMqtt5())) {
			ManagedMqttClient client = TestClients.client(pair, "connack-close", "tcp://127.0.0.1:" + broker.port());
			client.start();
			try {
				await().atMost(TestClients.await())
					.untilAsserted(() -> assertThat(broker.connects.get()).as("CONNACKs sent; the client is %s",
							client.getState())
						.isGreaterThanOrEqualTo(10));
				// a broker that keeps ending each connection is what a client id conflict looks like
				assertThat(client.isClientIdConflict()).isTrue();
			}
			finally {
				client.stop();
			}
		}
	}

	/** Answers every CONNECT with a CONNACK that accepts it, then closes (FIN). */
	private static final class ConnackThenClose implements AutoCloseable {

		private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());

		private final byte[] connack;

		private final AtomicInteger connects = new AtomicInteger();

		private final Thread thread = new Thread(this::serve, "connack-then-close");

		ConnackThenClose(boolean mqtt5) throws IOException {
			// accepted, no session present (and no properties in MQTT 5)
			this.connack = mqtt5 ? new byte[] { 0x20, 3, 0, 0, 0 } : new byte[] { 0x20, 2, 0, 0 };
			this.thread.setDaemon(true);
			this.thread.start();
		}

		int port() {
			return this.server.getLocalPort();
		}

		private void serve() {
			while (!this.server.isClosed()) {
				try (Socket socket = this.server.accept()) {
					socket.setTcpNoDelay(true);
					readPacket(socket.getInputStream());
					OutputStream out = socket.getOutputStream();
					out.write(this.connack);
					out.flush();
					this.connects.incrementAndGet();
				}
				catch (IOException ex) {
					// closed, or the client gave up on this one
				}
			}
		}

		private static void readPacket(InputStream in) throws IOException {
			if (in.read() < 0) {
				throw new IOException("closed before CONNECT");
			}
			int remaining = 0;
			int shift = 0;
			int next;
			do {
				next = in.read();
				if (next < 0) {
					throw new IOException("closed in CONNECT");
				}
				remaining |= (next & 0x7F) << shift;
				shift += 7;
			}
			while ((next & 0x80) != 0);
			in.readNBytes(remaining);
		}

		@Override
		public void close() throws Exception {
			this.server.close();
			this.thread.join(5000);
		}

	}

}
