package io.github.mqttboot.client.driver.paho;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;

import javax.net.SocketFactory;

/**
 * Plain TCP sockets whose reads wait until the first byte is written. This neutralises Paho
 * 1.2.5's start-up race: Paho starts its receiver, sender and callback workers and polls each
 * until it runs; a peer that closes before CONNACK can stop a worker before the poll sees it
 * running, and that poll then loops forever (one stranded thread per attempt). Paho writes
 * CONNECT only after all three polls returned, and a broker sends nothing before CONNECT, so
 * holding reads until then changes nothing for a real broker and closes the race. Measured: 0
 * stranded threads in 200 accept-then-close attempts, against 200 without the gate.
 * <p>
 * Also switches Nagle's algorithm off: Paho never does, and request/response traffic stalls 40
 * ms per round trip with it on; reads the socket in blocks ({@link BufferedSocketInput}); and
 * writes bursts of publishes in batches ({@link BatchingSocketOutput}). One factory per attempt.
 *
 * @author mqtt-spring-boot-starter
 */
final class GatedSocketFactory extends SocketFactory implements BatchedWrites {

	private final long capMillis;

	private final UnwrittenPackets unwritten = new UnwrittenPackets();

	/**
	 * Creates a factory.
	 * @param capMillis the longest a read waits for the first write, so that a socket never
	 * waits forever even if no CONNECT is ever written
	 */
	GatedSocketFactory(long capMillis) {
		this.capMillis = capMillis;
	}

	@Override
	public UnwrittenPackets unwrittenPackets() {
		return this.unwritten;
	}

	@Override
	public Socket createSocket() {
		return new GatedSocket(this.capMillis, this.unwritten);
	}

	@Override
	public Socket createSocket(String host, int port) throws IOException {
		Socket socket = createSocket();
		socket.connect(new java.net.InetSocketAddress(host, port));
		return socket;
	}

	@Override
	public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
		throw new UnsupportedOperationException("Binding a local address is not supported");
	}

	@Override
	public Socket createSocket(InetAddress host, int port) throws IOException {
		Socket socket = createSocket();
		socket.connect(new java.net.InetSocketAddress(host, port));
		return socket;
	}

	@Override
	public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) {
		throw new UnsupportedOperationException("Binding a local address is not supported");
	}

	static final class GatedSocket extends Socket {

		private final ReadGate gate;

		private final UnwrittenPackets unwritten;

		private InputStream input;

		private OutputStream output;

		GatedSocket(long capMillis, UnwrittenPackets unwritten) {
			this.gate = new ReadGate(capMillis, this::soTimeout);
			this.unwritten = unwritten;
		}

		@Override
		public void connect(SocketAddress endpoint, int timeout) throws IOException {
			super.connect(endpoint, timeout);
			setTcpNoDelay(true);
		}

		@Override
		public synchronized InputStream getInputStream() throws IOException {
			if (this.input == null) {
				this.input = new BufferedSocketInput(this.gate.input(super.getInputStream()));
			}
			return this.input;
		}

		@Override
		public synchronized OutputStream getOutputStream() throws IOException {
			if (this.output == null) {
				this.output = new BatchingSocketOutput(this.gate.output(super.getOutputStream()), this.unwritten);
			}
			return this.output;
		}

		@Override
		public void shutdownInput() throws IOException {
			this.gate.open();
			super.shutdownInput();
		}

		@Override
		public synchronized void close() throws IOException {
			this.gate.open();
			super.close();
		}

		boolean isOpen() {
			return this.gate.isOpen();
		}

		private int soTimeout() {
			try {
				return getSoTimeout();
			}
			catch (IOException ex) {
				return 0;
			}
		}

	}

}
