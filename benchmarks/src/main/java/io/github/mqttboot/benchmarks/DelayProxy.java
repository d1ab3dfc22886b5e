package io.github.mqttboot.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;

/**
 * A loopback TCP proxy that delivers every chunk a fixed delay after it was read, each way,
 * without limiting throughput: a network with a round trip of twice the delay, so that S2 also
 * shows what a publisher's window is worth off loopback.
 */
final class DelayProxy implements AutoCloseable {

	private final ServerSocket server;

	private final long delayNanos;

	private final int targetPort;

	DelayProxy(int targetPort, long delayMicros) throws IOException {
		this.targetPort = targetPort;
		this.delayNanos = TimeUnit.MICROSECONDS.toNanos(delayMicros);
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		daemon(this::accept, "bench-proxy-accept");
	}

	String uri() {
		return "tcp://127.0.0.1:" + this.server.getLocalPort();
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				Socket target = new Socket(InetAddress.getLoopbackAddress(), this.targetPort);
				client.setTcpNoDelay(true);
				target.setTcpNoDelay(true);
				pipe(client, target);
				pipe(target, client);
			}
			catch (IOException ex) {
				// closed
			}
		}
	}

	private void pipe(Socket from, Socket to) {
		BlockingQueue<Chunk> queue = new DelayQueue<>();
		daemon(() -> {
			try (InputStream in = from.getInputStream()) {
				byte[] buffer = new byte[65536];
				int read;
				long last = 0;
				while ((read = in.read(buffer)) >= 0) {
					// strictly increasing due times keep the byte stream in order
					last = Math.max(System.nanoTime() + this.delayNanos, last + 1);
					queue.add(new Chunk(Arrays.copyOf(buffer, read), last));
				}
			}
			catch (IOException ex) {
				// the connection ended
			}
			queue.add(new Chunk(null, Long.MAX_VALUE / 2));
		}, "bench-proxy-read");
		daemon(() -> {
			try (OutputStream out = to.getOutputStream()) {
				while (true) {
					Chunk chunk = queue.take();
					if (chunk.bytes == null) {
						break;
					}
					out.write(chunk.bytes);
				}
			}
			catch (IOException | InterruptedException ex) {
				// the connection ended
			}
			close(from);
			close(to);
		}, "bench-proxy-write");
	}

	private static void close(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// already closed
		}
	}

	private static void daemon(Runnable task, String name) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		thread.start();
	}

	@Override
	public void close() throws IOException {
		this.server.close();
	}

	private record Chunk(byte[] bytes, long dueNanos) implements Delayed {

		@Override
		public long getDelay(TimeUnit unit) {
			return unit.convert(this.dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
		}

		@Override
		public int compareTo(Delayed other) {
			return Long.compare(this.dueNanos, ((Chunk) other).dueNanos);
		}

	}

}
