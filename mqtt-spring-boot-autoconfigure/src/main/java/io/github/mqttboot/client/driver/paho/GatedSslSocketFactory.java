package io.github.mqttboot.client.driver.paho;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The TLS counterpart of {@link GatedSocketFactory}: the handshake runs as usual, then the
 * application data reads wait until CONNECT is written. Needed because with TLS 1.3 a broker
 * checks the client certificate after the client's handshake ended and answers a rejected one
 * with an alert right away: without the gate Paho's reader receives it while Paho still polls
 * its workers, and that poll strands Paho's threads (measured with an expired client certificate:
 * each attempt's close waited out its 5 s bound and 3 Paho threads outlived the client's stop).
 *
 * @author mqtt-spring-boot-starter
 */
final class GatedSslSocketFactory extends SSLSocketFactory implements BatchedWrites {

	private final SSLSocketFactory delegate;

	private final String[] protocols;

	private final String[] ciphers;

	private final long capMillis;

	private final UnwrittenPackets unwritten = new UnwrittenPackets();

	/**
	 * Creates a factory.
	 * @param delegate makes the TLS sockets
	 * @param protocols the protocols to enable (an SSL bundle's options), or {@code null}
	 * @param ciphers the cipher suites to enable, or {@code null}
	 * @param capMillis the longest a read waits for CONNECT
	 */
	GatedSslSocketFactory(SSLSocketFactory delegate, String[] protocols, String[] ciphers, long capMillis) {
		this.delegate = delegate;
		this.protocols = protocols;
		this.ciphers = ciphers;
		this.capMillis = capMillis;
	}

	@Override
	public UnwrittenPackets unwrittenPackets() {
		return this.unwritten;
	}

	@Override
	public Socket createSocket() throws IOException {
		SSLSocket socket = (SSLSocket) this.delegate.createSocket();
		if (this.protocols != null) {
			socket.setEnabledProtocols(this.protocols);
		}
		if (this.ciphers != null) {
			socket.setEnabledCipherSuites(this.ciphers);
		}
		return new GatedSslSocket(socket, this.capMillis, this.unwritten);
	}

	@Override
	public Socket createSocket(String host, int port) throws IOException {
		Socket socket = createSocket();
		socket.connect(new InetSocketAddress(host, port));
		return socket;
	}

	@Override
	public Socket createSocket(InetAddress host, int port) throws IOException {
		Socket socket = createSocket();
		socket.connect(new InetSocketAddress(host, port));
		return socket;
	}

	@Override
	public Socket createSocket(String host, int port, InetAddress localHost, int localPort) {
		throw new UnsupportedOperationException("Binding a local address is not supported");
	}

	@Override
	public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) {
		throw new UnsupportedOperationException("Binding a local address is not supported");
	}

	@Override
	public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
		return this.delegate.createSocket(socket, host, port, autoClose);
	}

	@Override
	public String[] getDefaultCipherSuites() {
		return this.delegate.getDefaultCipherSuites();
	}

	@Override
	public String[] getSupportedCipherSuites() {
		return this.delegate.getSupportedCipherSuites();
	}

}
