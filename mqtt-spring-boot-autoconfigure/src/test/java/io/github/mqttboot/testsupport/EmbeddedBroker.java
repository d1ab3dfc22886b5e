package io.github.mqttboot.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.Thread.UncaughtExceptionHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import com.hivemq.embedded.EmbeddedHiveMQ;
import io.github.mqttboot.testsummary.TestBrokerSelection;
import io.github.mqttboot.testsummary.TestBrokerUsage;

/**
 * The embedded HiveMQ CE broker as a test broker, in this JVM on a loopback port that is kept
 * across restarts: the backend of {@link TestBroker} where Mosquitto is not installed (or not
 * chosen). Like {@code io.github.mqttboot.embedded.EmbeddedMqttBroker} it runs without HiveMQ's
 * logging bootstrap and restores the JVM's default uncaught exception handler after a start;
 * unlike it, it can keep sessions on disk across restarts and be killed quickly.
 * <p>
 * HiveMQ's own stop takes about 4 s (two fixed 2 s waits), but closes its listener and every
 * client connection within about 50 ms, without a DISCONNECT. So {@link #kill()} (and
 * {@link #stop()} without persistence, which has nothing to save) returns once the port is
 * closed and lets the stop finish on a thread of its own, while the next start runs a new
 * instance with a fresh in-memory state: a restart loses every session, as a Mosquitto killed
 * without persistence does. With persistence the sessions and
 * queued messages live in files kept across restarts, and both {@link #stop()} and
 * {@link #kill()} wait for HiveMQ to save them. At most a few stops run in the background at
 * once, and a JVM shutdown hook gives them time to end.
 * <p>
 * Every thread HiveMQ starts belongs to one thread group ({@link #isBrokerThread(Thread)}), so
 * that tests of the client's threads can tell the broker's apart.
 */
final class EmbeddedBroker {

	private static final String HOST = "127.0.0.1";

	private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

	/** How long a start waits for the port a killed instance still holds. */
	private static final Duration PORT_TIMEOUT = Duration.ofSeconds(10);

	/** Enough for any backlog of the tests: Mosquitto's {@code max_queued_messages 0} is unlimited. */
	private static final long UNBOUNDED_QUEUE = 10_000_000;

	/** Stops that may run in the background at once; a kill beyond them waits for the oldest. */
	private static final int MAX_BACKGROUND_STOPS = 8;

	private static final ThreadGroup threads = new ThreadGroup("embedded-test-broker");

	/** Stops still running in the background, of every instance. */
	private static final Set<CompletableFuture<Void>> stopping = ConcurrentHashMap.newKeySet();

	static {
		// the stop threads are daemons: give them the few seconds they need before the JVM ends
		Runtime.getRuntime()
			.addShutdownHook(new Thread(() -> awaitStops(Duration.ofSeconds(10)), "embedded-test-broker-exit"));
	}

	private final int port;

	private final boolean persistence;

	private final boolean unboundedQueues;

	private Path dataDirectory;

	private EmbeddedHiveMQ hivemq;

	private Path workDirectory;

	EmbeddedBroker(int port, boolean persistence, boolean unboundedQueues) {
		this.port = port;
		this.persistence = persistence;
		this.unboundedQueues = unboundedQueues;
	}

	/**
	 * Return whether a thread is one of the embedded brokers' (also one still stopping).
	 * @param thread the thread
	 * @return whether it belongs to an embedded test broker
	 */
	static boolean isBrokerThread(Thread thread) {
		ThreadGroup group = thread.getThreadGroup();
		return group != null && (group == threads || threads.parentOf(group));
	}

	int port() {
		return this.port;
	}

	synchronized boolean isRunning() {
		return this.hivemq != null;
	}

	/**
	 * Start on the port, waiting for a killed instance to release it; does nothing if running.
	 */
	synchronized void start() {
		if (this.hivemq != null) {
			return;
		}
		awaitPortFree();
		Path directory = createWorkDirectory();
		AtomicReference<EmbeddedHiveMQ> started = new AtomicReference<>();
		AtomicReference<Throwable> failure = new AtomicReference<>();
		// HiveMQ's thread factories take the group of the thread that builds and starts it
		Thread starter = new Thread(threads, () -> {
			UncaughtExceptionHandler previousHandler = Thread.getDefaultUncaughtExceptionHandler();
			EmbeddedHiveMQ broker = null;
			try {
				broker = EmbeddedHiveMQ.builder()
					.withConfigurationFolder(directory.resolve("conf"))
					.withDataFolder(this.persistence ? dataDirectory() : directory.resolve("data"))
					.withExtensionsFolder(directory.resolve("extensions"))
					.withoutLoggingBootstrap()
					.build();
				broker.start().get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
				started.set(broker);
			}
			catch (Throwable ex) {
				failure.set(ex);
				if (broker != null) {
					release(broker, null);
				}
			}
			finally {
				Thread.setDefaultUncaughtExceptionHandler(previousHandler);
			}
		}, "embedded-test-broker-start");
		starter.start();
		join(starter);
		if (started.get() == null) {
			deleteRecursively(directory);
			Throwable cause = failure.get();
			throw new IllegalStateException("The embedded broker did not start on port " + this.port,
					(cause instanceof ExecutionException) ? cause.getCause() : cause);
		}
		this.hivemq = started.get();
		this.workDirectory = directory;
		TestBrokerUsage.record(TestBrokerSelection.EMBEDDED);
	}

	/**
	 * Stop: with persistence after HiveMQ saved its state, else as {@link #kill()}.
	 */
	synchronized void stop() {
		if (this.persistence) {
			stopAndWait();
		}
		else {
			kill();
		}
	}

	/**
	 * Close the listener and every connection at once; the stop completes in the background. With
	 * persistence it waits for the stop, which keeps the sessions.
	 */
	synchronized void kill() {
		if (this.hivemq == null) {
			return;
		}
		if (this.persistence) {
			stopAndWait();
			return;
		}
		while (stopping.size() >= MAX_BACKGROUND_STOPS) {
			awaitAny();
		}
		EmbeddedHiveMQ broker = this.hivemq;
		Path directory = this.workDirectory;
		this.hivemq = null;
		this.workDirectory = null;
		CompletableFuture<Void> stopped = new CompletableFuture<>();
		stopping.add(stopped);
		Thread stopper = new Thread(threads, () -> {
			try {
				release(broker, directory);
			}
			finally {
				stopping.remove(stopped);
				stopped.complete(null);
			}
		}, "embedded-test-broker-stop");
		stopper.setDaemon(true);
		stopper.start();
		long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
		while (acceptsTcp() && !stopped.isDone() && System.nanoTime() - deadline < 0) {
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
		}
	}

	/**
	 * Kill, and with persistence stop and delete the saved state. A stop without persistence
	 * finishes in the background, as after {@link #kill()}: a test-scoped broker costs a test
	 * no more than a start.
	 */
	synchronized void close() {
		if (this.persistence) {
			stopAndWait();
		}
		else {
			kill();
		}
		deleteRecursively(this.dataDirectory);
		this.dataDirectory = null;
	}

	/** Wait for the background stops of every instance (at most the given time). */
	static void awaitStops(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		for (CompletableFuture<Void> stop : List.copyOf(stopping)) {
			try {
				stop.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (ExecutionException | TimeoutException ex) {
				// best effort: the threads are daemons and a lingering one fails no test
			}
		}
	}

	private static void awaitAny() {
		CompletableFuture<?>[] stops = stopping.toArray(CompletableFuture[]::new);
		if (stops.length == 0) {
			return;
		}
		try {
			CompletableFuture.anyOf(stops)
				.get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for embedded brokers to stop", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Embedded brokers did not stop within " + STOP_TIMEOUT.toSeconds() + " s",
					ex);
		}
	}

	private void stopAndWait() {
		if (this.hivemq != null) {
			EmbeddedHiveMQ broker = this.hivemq;
			Path directory = this.workDirectory;
			this.hivemq = null;
			this.workDirectory = null;
			release(broker, directory);
		}
	}

	/** Stop and close HiveMQ ({@code close()} ends its state-change thread), then delete its folder. */
	private static void release(EmbeddedHiveMQ broker, Path directory) {
		try {
			broker.stop().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			// not running, or stuck: close what can be closed
		}
		try {
			broker.close();
		}
		catch (ExecutionException ex) {
			// best effort
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		deleteRecursively(directory);
	}

	private Path dataDirectory() {
		if (this.dataDirectory == null) {
			try {
				this.dataDirectory = Files.createTempDirectory("embedded-test-broker-data-");
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot create the embedded broker's data folder", ex);
			}
		}
		return this.dataDirectory;
	}

	private Path createWorkDirectory() {
		try {
			Path directory = Files.createTempDirectory("embedded-test-broker-");
			Files.createDirectories(directory.resolve("data"));
			Files.createDirectories(directory.resolve("extensions"));
			Path conf = Files.createDirectories(directory.resolve("conf"));
			Files.writeString(conf.resolve("config.xml"), configXml(), StandardCharsets.UTF_8);
			return directory;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create the embedded broker's folder", ex);
		}
	}

	/** Loopback only, no usage statistics; elements of HiveMQ CE 2025.5's {@code config.xsd}. */
	private String configXml() {
		String queues = this.unboundedQueues ? """
					<mqtt>
						<queued-messages>
							<max-queue-size>%d</max-queue-size>
						</queued-messages>
					</mqtt>
				""".formatted(UNBOUNDED_QUEUE) : "";
		return """
				<?xml version="1.0" encoding="UTF-8"?>
				<hivemq>
					<listeners>
						<tcp-listener>
							<port>%d</port>
							<bind-address>%s</bind-address>
						</tcp-listener>
					</listeners>
				%s	<persistence>
						<mode>%s</mode>
					</persistence>
					<anonymous-usage-statistics>
						<enabled>false</enabled>
					</anonymous-usage-statistics>
				</hivemq>
				""".formatted(this.port, HOST, queues, this.persistence ? "file" : "in-memory");
	}

	private void awaitPortFree() {
		long deadline = System.nanoTime() + PORT_TIMEOUT.toNanos();
		while (!isPortFree()) {
			if (System.nanoTime() - deadline > 0) {
				throw new IllegalStateException("Port " + this.port + " is still in use after " + PORT_TIMEOUT.toSeconds()
						+ " s: the embedded broker cannot start");
			}
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
		}
	}

	private boolean isPortFree() {
		try (ServerSocket socket = new ServerSocket()) {
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), this.port), 1);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private boolean acceptsTcp() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(HOST, this.port), 200);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static void join(Thread thread) {
		try {
			thread.join();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while the embedded broker started", ex);
		}
	}

	private static void deleteRecursively(Path root) {
		try (Stream<Path> paths = (root != null) ? Files.walk(root) : Stream.empty()) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException | UncheckedIOException ex) {
			// best effort: a leftover temporary folder must not fail a test
		}
	}

}
