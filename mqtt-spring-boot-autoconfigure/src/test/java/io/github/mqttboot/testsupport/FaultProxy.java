package io.github.mqttboot.testsupport;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * An in-process TCP proxy on a free loopback port, in front of a broker, that injects
 * network faults a real broker cannot produce on demand: silent peers, refused, closed or
 * reset connections, latency.
 * <p>
 * The {@link Mode} can be switched at any time and applies to connections accepted from
 * then on; {@link Mode#BLACKHOLE} also stalls the established ones (like a partition:
 * bytes wait in the socket buffers and flow again on {@link Mode#PASS}), and
 * {@link #resetEstablished()} drops them. Threads are daemons named
 * {@code fault-proxy-<port>-...} (never "mqtt", so MQTT thread-leak assertions ignore
 * them): one acceptor plus at most two per live connection, all ended and joined by
 * {@link #close()}.
 */
public final class FaultProxy implements AutoCloseable {

	private static final String HOST = "127.0.0.1";

	private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

	private final InetSocketAddress target;

	private final int port;

	private final Object lock = new Object();

	private final Set<Connection> connections = ConcurrentHashMap.newKeySet();

	private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

	private final AtomicLong accepted = new AtomicLong();

	private final AtomicLong readsFromClients = new AtomicLong();

	private final AtomicLong bytesToClients = new AtomicLong();

	private final AtomicInteger connectionIds = new AtomicInteger();

	private volatile Mode mode;

	private volatile Duration latency = Duration.ZERO;

	private volatile boolean closed;

	private ServerSocket server;

	private FaultProxy(InetSocketAddress target, Mode mode) {
		this.target = target;
		this.mode = mode;
		this.server = bind(0);
		this.port = this.server.getLocalPort();
		start("accept", this::acceptLoop);
		mode(mode);
	}

	/** A proxy forwarding to {@code host:port}, in {@link Mode#PASS}. */
	public static FaultProxy to(String host, int port) {
		return new FaultProxy(new InetSocketAddress(host, port), Mode.PASS);
	}

	/** A proxy forwarding to {@code 127.0.0.1:port}, in {@link Mode#PASS}. */
	public static FaultProxy to(int port) {
		return to(HOST, port);
	}

	/** A misbehaving peer without a target, in any mode but {@link Mode#PASS}. */
	public static FaultProxy standalone(Mode mode) {
		if (mode == Mode.PASS) {
			throw new IllegalArgumentException("A standalone proxy has no target to pass to");
		}
		return new FaultProxy(null, mode);
	}

	/** Switch the mode; applies to new connections (BLACKHOLE also pauses open ones). */
	public FaultProxy mode(Mode mode) {
		if (mode == Mode.PASS && this.target == null) {
			throw new IllegalArgumentException("A standalone proxy has no target to pass to");
		}
		synchronized (this.lock) {
			if (this.closed) {
				throw new IllegalStateException("Proxy closed");
			}
			this.mode = mode;
			this.lock.notifyAll();
		}
		return this;
	}

	public Mode mode() {
		return this.mode;
	}

	/** Delay added before forwarding each chunk, in both directions. */
	public FaultProxy latency(Duration latency) {
		this.latency = latency;
		return this;
	}

	/** Reset (RST, both sides) every live connection now; returns how many there were. */
	public int resetEstablished() {
		int count = 0;
		for (Connection connection : this.connections) {
			connection.close(true);
			count++;
		}
		return count;
	}

	/** Connections accepted since the proxy started, whatever the mode. */
	public long acceptedCount() {
		return this.accepted.get();
	}

	/**
	 * Reads from clients so far, each forwarded as one chunk, counted before the latency: a
	 * client's packets sent far apart are one read each.
	 */
	public long readsFromClients() {
		return this.readsFromClients.get();
	}

	/** Bytes forwarded from the target to clients so far. */
	public long bytesToClients() {
		return this.bytesToClients.get();
	}

	/** Connections currently held open (passing, stalled or black-holed). */
	public int activeConnections() {
		return this.connections.size();
	}

	public int port() {
		return this.port;
	}

	/** The URI clients should connect to, {@code tcp://127.0.0.1:<port>}. */
	public String uri() {
		return "tcp://" + HOST + ":" + this.port;
	}

	/**
	 * Close the listening socket and every connection, then join all proxy threads.
	 * @throws IllegalStateException if a proxy thread is still alive after 5 s
	 */
	@Override
	public void close() {
		synchronized (this.lock) {
			if (this.closed) {
				return;
			}
			this.closed = true;
			closeQuietly(this.server);
			this.server = null;
			this.lock.notifyAll();
		}
		resetEstablished();
		List<Thread> all = List.copyOf(this.threads);
		all.forEach(Thread::interrupt);
		long deadline = System.nanoTime() + CLOSE_TIMEOUT.toNanos();
		for (Thread thread : all) {
			try {
				thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		List<String> alive = all.stream().filter(Thread::isAlive).map(Thread::getName).toList();
		if (!alive.isEmpty()) {
			throw new IllegalStateException("Proxy threads still alive after " + CLOSE_TIMEOUT + ": " + alive);
		}
	}

	private void acceptLoop() {
		while (true) {
			ServerSocket current;
			synchronized (this.lock) {
				while (!this.closed && this.server == null) {
					try {
						this.lock.wait();
					}
					catch (InterruptedException ex) {
						return;
					}
				}
				if (this.closed) {
					return;
				}
				current = this.server;
			}
			try {
				handle(current.accept());
			}
			catch (IOException ex) {
				if (!current.isClosed()) {
					// e.g. out of file descriptors: do not spin
					LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
				}
			}
		}
	}

	private void handle(Socket socket) {
		this.accepted.incrementAndGet();
		Mode current = this.mode;
		if (current == Mode.ACCEPT_THEN_CLOSE || current == Mode.RESET) {
			closeQuietly(socket, current != Mode.ACCEPT_THEN_CLOSE);
			return;
		}
		Connection connection = new Connection(socket);
		this.connections.add(connection);
		boolean started = (current == Mode.BLACKHOLE) ? start(connection.name + "-hole", connection::swallow)
				: start(connection.name + "-up", connection::open);
		if (!started) {
			connection.close(true);
		}
	}

	/** Start a daemon proxy thread unless the proxy is closed; {@link #close()} joins it. */
	private boolean start(String suffix, Runnable task) {
		synchronized (this.lock) {
			if (this.closed) {
				return false;
			}
			// a thread stays listed until it has ended, not only its task: close() joins every
			// one that may still be alive
			this.threads.removeIf((ended) -> !ended.isAlive());
			Thread thread = new Thread(task, "fault-proxy-" + this.port + "-" + suffix);
			thread.setDaemon(true);
			this.threads.add(thread);
			thread.start();
			return true;
		}
	}

	/** Block while the mode is BLACKHOLE (a partition), then apply the latency. */
	private void awaitForwarding(Connection connection) throws InterruptedException {
		synchronized (this.lock) {
			while (this.mode == Mode.BLACKHOLE && !this.closed && !connection.client.isClosed()) {
				this.lock.wait();
			}
		}
		long nanos = this.latency.toNanos();
		if (nanos > 0) {
			TimeUnit.NANOSECONDS.sleep(nanos);
		}
	}

	private static ServerSocket bind(int port) {
		long deadline = System.nanoTime() + CLOSE_TIMEOUT.toNanos();
		while (true) {
			ServerSocket socket = null;
			try {
				socket = new ServerSocket();
				socket.setReuseAddress(true);
				socket.bind(new InetSocketAddress(HOST, port), 50);
				return socket;
			}
			catch (IOException ex) {
				closeQuietly(socket);
				if (!(ex instanceof BindException) || System.nanoTime() - deadline > 0) {
					throw new IllegalStateException("Cannot bind proxy to " + HOST + ":" + port, ex);
				}
				LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
			}
		}
	}

	private static void closeQuietly(Closeable closeable) {
		try {
			if (closeable != null) {
				closeable.close();
			}
		}
		catch (IOException ex) {
			// already closed
		}
	}

	private static void closeQuietly(Socket socket, boolean reset) {
		try {
			socket.setSoLinger(reset, 0);
		}
		catch (IOException ex) {
			// already closed
		}
		closeQuietly(socket);
	}

	/** What the proxy does with connections. */
	public enum Mode {

		/** Forward bytes both ways. */
		PASS,

		/** Accept but never answer nor forward; stall established connections. */
		BLACKHOLE,

		/** Accept, then close at once (FIN): the peer sees an early end of stream. */
		ACCEPT_THEN_CLOSE,

		/** Accept, then reset (SO_LINGER 0, RST): "connection reset", maybe while connecting. */
		RESET

	}

	private final class Connection {

		private final String name;

		private final Socket client;

		private final Socket upstream = new Socket();

		private final AtomicInteger finishedDirections = new AtomicInteger();

		Connection(Socket client) {
			this.name = String.valueOf(FaultProxy.this.connectionIds.incrementAndGet());
			this.client = client;
		}

		/** Runs on the "up" thread: connect upstream, start the "down" pump, pump up. */
		void open() {
			try {
				this.client.setTcpNoDelay(true);
				this.upstream.setTcpNoDelay(true);
				this.upstream.connect(FaultProxy.this.target, 5000);
			}
			catch (IOException ex) {
				close(true);
				return;
			}
			if (!start(this.name + "-down", () -> pump(this.upstream, this.client))) {
				close(true);
				return;
			}
			pump(this.client, this.upstream);
		}

		/** Black hole: read and drop everything until the peer closes. */
		void swallow() {
			try (InputStream in = this.client.getInputStream()) {
				in.transferTo(OutputStream.nullOutputStream());
			}
			catch (IOException ex) {
				// closed or reset
			}
			close(false);
		}

		private void pump(Socket from, Socket to) {
			byte[] buffer = new byte[8192];
			try {
				InputStream in = from.getInputStream();
				OutputStream out = to.getOutputStream();
				for (int read = in.read(buffer); read != -1; read = in.read(buffer)) {
					if (from == this.client) {
						FaultProxy.this.readsFromClients.incrementAndGet();
					}
					awaitForwarding(this);
					if (to == this.client) {
						FaultProxy.this.bytesToClients.addAndGet(read);
					}
					out.write(buffer, 0, read);
					out.flush();
				}
				to.shutdownOutput();
				if (this.finishedDirections.incrementAndGet() == 2) {
					close(false);
				}
			}
			catch (IOException | InterruptedException ex) {
				close(true);
			}
		}

		void close(boolean reset) {
			FaultProxy.this.connections.remove(this);
			closeQuietly(this.client, reset);
			closeQuietly(this.upstream, reset);
			synchronized (FaultProxy.this.lock) {
				FaultProxy.this.lock.notifyAll();
			}
		}

	}

}
