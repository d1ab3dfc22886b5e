package io.github.mqttboot.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The benchmark broker: a Mosquitto child process on a free loopback port with the benchmark
 * configuration, killed at the end, also when the JVM exits on a failure.
 */
final class Mosquitto implements AutoCloseable {

	static final String EXECUTABLE = "/usr/sbin/mosquitto";

	/** The broker's window of unacknowledged QoS 1/2 messages, each way (its receive maximum). */
	static final int MAX_INFLIGHT = 1000;

	private final Path directory;

	private final int port;

	private volatile Process process;

	Mosquitto() throws IOException {
		this.directory = Files.createTempDirectory("mqtt-bench-mosquitto");
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			this.port = socket.getLocalPort();
		}
		Files.writeString(config(), String.join("\n", "listener " + this.port + " 127.0.0.1",
				"allow_anonymous true", "set_tcp_nodelay true", "max_queued_messages 0", "persistence false",
				"max_inflight_messages " + MAX_INFLIGHT, "log_dest stderr",
				"log_type error", "log_type warning", "log_type subscribe", "") );
		Runtime.getRuntime().addShutdownHook(new Thread(this::kill, "mosquitto-kill"));
	}

	Path config() {
		return this.directory.resolve("mosquitto.conf");
	}

	/** stdout and stderr, appended across restarts; stderr is unbuffered, so a line is there at once. */
	Path log() {
		return this.directory.resolve("mosquitto.log");
	}

	String uri() {
		return "tcp://127.0.0.1:" + this.port;
	}

	int port() {
		return this.port;
	}

	/** Starts the broker and returns once it accepts connections. */
	void start() throws IOException, InterruptedException {
		this.process = new ProcessBuilder(EXECUTABLE, "-c", config().toString())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
			.start();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("Mosquitto exited: " + Files.readString(log()));
			}
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", this.port), 200);
				return;
			}
			catch (IOException ex) {
				Thread.onSpinWait();
			}
		}
		throw new IllegalStateException("Mosquitto did not listen on port " + this.port + " within 10 s");
	}

	/** kill -9 and wait until the process is gone. */
	void kill() {
		Process current = this.process;
		if (current != null) {
			current.destroyForcibly();
			try {
				current.waitFor(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/** Whether the broker's log shows a subscription of the client id (log_type subscribe). */
	boolean hasSubscribed(String clientId) {
		try {
			return Files.exists(log()) && Files.readString(log()).contains(" " + clientId + " ");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** How many subscriptions to filters starting with {@code prefix} the broker's log shows. */
	long subscriptions(String prefix) {
		try (Stream<String> lines = Files.exists(log()) ? Files.lines(log()) : Stream.empty()) {
			return lines.filter((line) -> line.contains(" " + prefix)).count();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		kill();
		try (Stream<Path> files = Files.walk(this.directory)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
		catch (IOException ex) {
			// a temporary directory: nothing to do
		}
	}

}
