package io.github.mqttboot.client.driver.paho;

import java.io.EOFException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;

import javax.net.ssl.HandshakeCompletedListener;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * An {@link SSLSocket} that passes everything to the JDK's, with its application data reads held
 * until CONNECT is written (see {@link GatedSslSocketFactory}) and bursts of publishes written in
 * batches, a few TLS records instead of one per packet ({@link BatchingSocketOutput}).
 *
 * @author mqtt-spring-boot-starter
 */
final class GatedSslSocket extends SSLSocket {

	/** How long the first write waits for a rejection of the client certificate. */
	static final int ALERT_PROBE_MILLIS = 100;

	private final SSLSocket socket;

	private final ReadGate gate;

	private final UnwrittenPackets unwritten;

	private boolean probed;

	private InputStream input;

	private OutputStream output;

	GatedSslSocket(SSLSocket socket, long capMillis, UnwrittenPackets unwritten) {
		this.socket = socket;
		this.gate = new ReadGate(capMillis, this::soTimeout);
		this.unwritten = unwritten;
	}

	@Override
	public void connect(SocketAddress endpoint, int timeout) throws IOException {
		this.socket.connect(endpoint, timeout);
		this.socket.setTcpNoDelay(true);
	}

	@Override
	public void connect(SocketAddress endpoint) throws IOException {
		connect(endpoint, 0);
	}

	@Override
	public synchronized InputStream getInputStream() throws IOException {
		if (this.input == null) {
			this.input = new BufferedSocketInput(this.gate.input(this.socket.getInputStream()));
		}
		return this.input;
	}

	@Override
	public synchronized OutputStream getOutputStream() throws IOException {
		if (this.output == null) {
			OutputStream probing = new FilterOutputStream(this.socket.getOutputStream()) {

				@Override
				public void write(byte[] buffer, int offset, int length) throws IOException {
					probeForAlert();
					this.out.write(buffer, offset, length);
				}

			};
			this.output = new BatchingSocketOutput(this.gate.output(probing), this.unwritten);
		}
		return this.output;
	}

	/**
	 * Before the first write of a TLS 1.3 connection, reads what the broker sent since the
	 * handshake: a broker answers a client certificate it rejects (or a missing one) with an
	 * alert, which then fails this write with a typed {@link SSLException} instead of
	 * "Broken pipe". A broker sends no MQTT data before CONNECT; this costs the first write
	 * {@value #ALERT_PROBE_MILLIS} ms once per connection.
	 */
	private void probeForAlert() throws IOException {
		if (this.probed) {
			return;
		}
		this.probed = true;
		if (!"TLSv1.3".equals(this.socket.getSession().getProtocol())) {
			// before TLS 1.3 the broker checks the client certificate within the handshake
			return;
		}
		int soTimeout = this.socket.getSoTimeout();
		this.socket.setSoTimeout(ALERT_PROBE_MILLIS);
		try {
			if (this.socket.getInputStream().read() != -1) {
				throw new IOException("The broker sent data before CONNECT");
			}
			throw new EOFException("The broker closed the TLS connection before CONNECT");
		}
		catch (SocketTimeoutException ex) {
			// nothing but session tickets: the broker accepted the certificate
		}
		finally {
			if (!this.socket.isClosed()) {
				this.socket.setSoTimeout(soTimeout);
			}
		}
	}

	@Override
	public void shutdownInput() throws IOException {
		this.gate.open();
		this.socket.shutdownInput();
	}

	@Override
	public void shutdownOutput() throws IOException {
		this.socket.shutdownOutput();
	}

	@Override
	public synchronized void close() throws IOException {
		this.gate.open();
		this.socket.close();
	}

	private int soTimeout() {
		try {
			return this.socket.getSoTimeout();
		}
		catch (SocketException ex) {
			return 0;
		}
	}

	@Override
	public void setSoTimeout(int timeout) throws SocketException {
		this.socket.setSoTimeout(timeout);
	}

	@Override
	public int getSoTimeout() throws SocketException {
		return this.socket.getSoTimeout();
	}

	@Override
	public void setTcpNoDelay(boolean on) throws SocketException {
		this.socket.setTcpNoDelay(on);
	}

	@Override
	public void setKeepAlive(boolean on) throws SocketException {
		this.socket.setKeepAlive(on);
	}


	@Override
	public boolean isConnected() {
		return this.socket.isConnected();
	}

	@Override
	public boolean isClosed() {
		return this.socket.isClosed();
	}

	@Override
	public boolean isInputShutdown() {
		return this.socket.isInputShutdown();
	}

	@Override
	public boolean isOutputShutdown() {
		return this.socket.isOutputShutdown();
	}

	@Override
	public InetAddress getInetAddress() {
		return this.socket.getInetAddress();
	}

	@Override
	public int getPort() {
		return this.socket.getPort();
	}

	@Override
	public int getLocalPort() {
		return this.socket.getLocalPort();
	}

	@Override
	public SocketAddress getRemoteSocketAddress() {
		return this.socket.getRemoteSocketAddress();
	}


	@Override
	public String[] getSupportedCipherSuites() {
		return this.socket.getSupportedCipherSuites();
	}

	@Override
	public String[] getEnabledCipherSuites() {
		return this.socket.getEnabledCipherSuites();
	}

	@Override
	public void setEnabledCipherSuites(String[] suites) {
		this.socket.setEnabledCipherSuites(suites);
	}

	@Override
	public String[] getSupportedProtocols() {
		return this.socket.getSupportedProtocols();
	}

	@Override
	public String[] getEnabledProtocols() {
		return this.socket.getEnabledProtocols();
	}

	@Override
	public void setEnabledProtocols(String[] protocols) {
		this.socket.setEnabledProtocols(protocols);
	}

	@Override
	public SSLParameters getSSLParameters() {
		return this.socket.getSSLParameters();
	}

	@Override
	public void setSSLParameters(SSLParameters parameters) {
		this.socket.setSSLParameters(parameters);
	}

	@Override
	public SSLSession getSession() {
		return this.socket.getSession();
	}

	@Override
	public SSLSession getHandshakeSession() {
		return this.socket.getHandshakeSession();
	}

	@Override
	public void addHandshakeCompletedListener(HandshakeCompletedListener listener) {
		this.socket.addHandshakeCompletedListener(listener);
	}

	@Override
	public void removeHandshakeCompletedListener(HandshakeCompletedListener listener) {
		this.socket.removeHandshakeCompletedListener(listener);
	}

	@Override
	public void startHandshake() throws IOException {
		try {
			this.socket.startHandshake();
		}
		catch (SSLException ex) {
			throw ex;
		}
		catch (IOException ex) {
			// the broker closed while the client still wrote its flight, typically after
			// rejecting its certificate: the alert is lost with the socket, say what it means
			SSLHandshakeException closed = new SSLHandshakeException(
					"The broker closed the connection during the TLS handshake: " + ex.getMessage());
			closed.initCause(ex);
			throw closed;
		}
	}

	@Override
	public void setUseClientMode(boolean mode) {
		this.socket.setUseClientMode(mode);
	}

	@Override
	public boolean getUseClientMode() {
		return this.socket.getUseClientMode();
	}

	@Override
	public void setNeedClientAuth(boolean need) {
		this.socket.setNeedClientAuth(need);
	}

	@Override
	public boolean getNeedClientAuth() {
		return this.socket.getNeedClientAuth();
	}

	@Override
	public void setWantClientAuth(boolean want) {
		this.socket.setWantClientAuth(want);
	}

	@Override
	public boolean getWantClientAuth() {
		return this.socket.getWantClientAuth();
	}

	@Override
	public void setEnableSessionCreation(boolean flag) {
		this.socket.setEnableSessionCreation(flag);
	}

	@Override
	public boolean getEnableSessionCreation() {
		return this.socket.getEnableSessionCreation();
	}



	@Override
	public String toString() {
		return "Gated" + this.socket;
	}

}
