package io.github.mqttboot.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.Thread.UncaughtExceptionHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import com.hivemq.embedded.EmbeddedHiveMQ;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An MQTT 3.1.1 and 5 broker inside the application, for development: HiveMQ CE embedded,
 * listening on 127.0.0.1 only, with in-memory persistence and no usage statistics, its
 * configuration and data in a temporary folder that {@link #stop()} deletes.
 * <p>
 * Choices and why:
 * <ul>
 * <li>HiveMQ's own logging bootstrap is off: its jar carries a {@code logback.xml} and would
 * otherwise reconfigure logging; everything goes through SLF4J so Spring Boot stays in charge.</li>
 * <li>HiveMQ replaces the JVM's default uncaught exception handler while it starts (with one
 * that may call {@code System.exit(1)}); the previous handler is put back afterwards.</li>
 * <li>HiveMQ reads its {@code config.xml} without schema validation and silently ignores unknown
 * elements, so the file written here is kept to elements of its 2025.5 {@code config.xsd}.</li>
 * <li>The broker advertises Receive Maximum 10 in its CONNACK: a client may have at most 10
 * unacknowledged QoS 1/2 publishes in flight.</li>
 * <li>On JDK 22 and later JNA (loaded by HiveMQ through OSHI) warns about native access; run with
 * {@code --enable-native-access=ALL-UNNAMED} to allow it (on JDK 25 it is still only a warning).</li>
 * </ul>
 * Threads (measured with HiveMQ CE 2025.5): while running HiveMQ owns
 * {@code embedded-hivemq-state-change-executor}, {@code hivemq-eventloop-parent-0},
 * {@code hivemq-eventloop-child-<n>} (one per busy event loop), {@code scheduled-persistence-executor},
 * {@code global-traffic-shaper-executor-0} and two {@code extension-task-executor-<n>}; none has
 * "mqtt" in its name and all end with {@link #stop()}, also after a failed start. The first
 * start in a JVM leaves two JVM-wide daemon threads for good, {@code JNA Cleaner} (JNA, used by
 * HiveMQ's OSHI to count cores) and {@code process reaper} (JDK).
 * <p>
 * The first start in a JVM takes about 1.1 s, later ones 0.1 to 0.2 s; stop takes about 4 s,
 * two fixed 2 s waits inside HiveMQ (Netty's quiet period, then its persistence shutdown).
 */
public class EmbeddedMqttBroker {

	private static final Logger logger = LoggerFactory.getLogger(EmbeddedMqttBroker.class);

	private static final String HOST = "127.0.0.1";

	static final Duration START_TIMEOUT = Duration.ofSeconds(30);

	static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

	private final int port;

	private final Object lifecycleMonitor = new Object();

	private EmbeddedHiveMQ hivemq;

	private Path workDirectory;

	/**
	 * Create a broker for the given port; {@code 0} picks a free loopback port now, so that
	 * {@link #getServerUri()} is known before {@link #start()}.
	 * @param port the port to listen on, or {@code 0} for any free one
	 */
	public EmbeddedMqttBroker(int port) {
		if (port < 0 || port > 65535) {
			throw new IllegalArgumentException("Port must be between 0 and 65535, was " + port);
		}
		this.port = (port != 0) ? port : findFreePort();
		if (port == 0) {
			logger.info("Embedded MQTT broker will listen on free port {}", this.port);
		}
	}

	/**
	 * Return the port the broker listens on (the chosen one when created with {@code 0}).
	 * @return the port
	 */
	public int getPort() {
		return this.port;
	}

	/**
	 * Return the URI clients connect to.
	 * @return {@code tcp://127.0.0.1:<port>}
	 */
	public String getServerUri() {
		return "tcp://" + HOST + ":" + this.port;
	}

	/**
	 * Return whether the broker has started and not yet stopped.
	 * @return whether the broker is running
	 */
	public boolean isRunning() {
		synchronized (this.lifecycleMonitor) {
			return this.hivemq != null;
		}
	}

	/**
	 * Start the broker and wait (at most {@link #START_TIMEOUT}) until it accepts connections.
	 * Does nothing when it is already running.
	 * @throws EmbeddedBrokerPortInUseException if the port is already in use on 127.0.0.1
	 * @throws IllegalStateException if the broker fails to start in time
	 */
	public void start() {
		synchronized (this.lifecycleMonitor) {
			if (this.hivemq != null) {
				return;
			}
			checkPortFree();
			long startNanos = System.nanoTime();
			Path directory = createWorkDirectory();
			UncaughtExceptionHandler previousHandler = Thread.getDefaultUncaughtExceptionHandler();
			EmbeddedHiveMQ broker = null;
			try {
				broker = EmbeddedHiveMQ.builder()
					.withConfigurationFolder(directory.resolve("conf"))
					.withDataFolder(directory.resolve("data"))
					.withExtensionsFolder(directory.resolve("extensions"))
					.withoutLoggingBootstrap()
					.build();
				broker.start().get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				release(broker, directory);
				throw new IllegalStateException("Interrupted while starting the embedded MQTT broker on "
						+ getServerUri(), ex);
			}
			catch (TimeoutException ex) {
				release(broker, directory);
				throw new IllegalStateException("Embedded MQTT broker did not accept connections on "
						+ getServerUri() + " within " + START_TIMEOUT.toSeconds() + " s", ex);
			}
			catch (ExecutionException | RuntimeException ex) {
				Throwable cause = (ex instanceof ExecutionException) ? ex.getCause() : ex;
				// HiveMQ reports a failed bind only as "could not bind any listener"
				boolean portTaken = !isPortFree(this.port);
				release(broker, directory);
				if (portTaken) {
					throw new EmbeddedBrokerPortInUseException(this.port, cause);
				}
				throw new IllegalStateException("Embedded MQTT broker failed to start on " + getServerUri(), cause);
			}
			finally {
				Thread.setDefaultUncaughtExceptionHandler(previousHandler);
			}
			this.hivemq = broker;
			this.workDirectory = directory;
			logger.info("Embedded MQTT broker (HiveMQ CE) started on {} in {} ms", getServerUri(),
					TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
		}
	}

	/**
	 * Stop the broker (waiting at most {@link #STOP_TIMEOUT}) and delete its temporary
	 * folder. Does nothing when it is not running.
	 */
	public void stop() {
		synchronized (this.lifecycleMonitor) {
			if (this.hivemq == null) {
				return;
			}
			long startNanos = System.nanoTime();
			release(this.hivemq, this.workDirectory);
			this.hivemq = null;
			this.workDirectory = null;
			logger.info("Embedded MQTT broker on {} stopped in {} ms", getServerUri(),
					TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
		}
	}

	/**
	 * Fail fast with a helpful message rather than let HiveMQ log a bind error.
	 */
	void checkPortFree() {
		if (!isPortFree(this.port)) {
			throw new EmbeddedBrokerPortInUseException(this.port, null);
		}
	}

	/**
	 * Stop HiveMQ, then close it: {@code close()} ends its state-change thread, and after a
	 * failed start it also runs HiveMQ's shutdown, which {@code stop()} skips in that state.
	 */
	private void release(EmbeddedHiveMQ broker, Path directory) {
		try {
			if (broker != null) {
				try {
					broker.stop().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
				}
				catch (ExecutionException ex) {
					logger.debug("Embedded MQTT broker was not running: {}", ex.getCause().toString());
				}
				broker.close();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			logger.warn("Interrupted while stopping the embedded MQTT broker on {}", getServerUri());
		}
		catch (TimeoutException ex) {
			logger.warn("Embedded MQTT broker on {} did not stop within {} s; its threads may linger",
					getServerUri(), STOP_TIMEOUT.toSeconds());
		}
		catch (ExecutionException ex) {
			logger.warn("Embedded MQTT broker on {} failed to close", getServerUri(), ex.getCause());
		}
		finally {
			deleteRecursively(directory);
		}
	}

	private Path createWorkDirectory() {
		try {
			Path directory = Files.createTempDirectory("embedded-mqtt-broker-");
			Files.createDirectories(directory.resolve("data"));
			Files.createDirectories(directory.resolve("extensions"));
			Path conf = Files.createDirectories(directory.resolve("conf"));
			Files.writeString(conf.resolve("config.xml"), configXml(this.port), StandardCharsets.UTF_8);
			return directory;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create the embedded MQTT broker's folder", ex);
		}
	}

	/**
	 * HiveMQ's configuration: loopback only, in memory, no usage statistics.
	 */
	static String configXml(int port) {
		return """
				<?xml version="1.0" encoding="UTF-8"?>
				<hivemq>
					<listeners>
						<tcp-listener>
							<port>%d</port>
							<bind-address>%s</bind-address>
						</tcp-listener>
					</listeners>
					<persistence>
						<mode>in-memory</mode>
					</persistence>
					<anonymous-usage-statistics>
						<enabled>false</enabled>
					</anonymous-usage-statistics>
				</hivemq>
				""".formatted(port, HOST);
	}

	private static void deleteRecursively(Path directory) {
		if (directory == null) {
			return;
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			logger.warn("Cannot delete the embedded MQTT broker's folder {}", directory, ex);
		}
	}

	private static boolean isPortFree(int port) {
		try (ServerSocket socket = new ServerSocket()) {
			socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port), 1);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static int findFreePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot find a free port on " + HOST, ex);
		}
	}

}
