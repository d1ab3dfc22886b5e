package io.github.mqttboot.test;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.github.mqttboot.test.MqttTestBroker.Kind;

/**
 * A Mosquitto child process with anonymous access, no persistence, and its config and log in
 * a temporary directory. A JVM shutdown hook kills it should the test run end without
 * closing it (a cached test context is closed by a hook of its own).
 *
 * @author mqtt-spring-boot-starter
 */
final class MosquittoTestBroker implements TestMqttBroker {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

	private static final Duration EXIT_GRACE = Duration.ofSeconds(2);

	private static final List<String> USUAL_DIRECTORIES = List.of("/usr/sbin", "/usr/local/sbin", "/opt/homebrew/sbin",
			"/usr/bin", "/usr/local/bin", "/opt/homebrew/bin");

	private final Path directory;

	private final int port;

	private final Process process;

	private final Thread killOnExit;

	private MosquittoTestBroker(Path directory, int port, Process process) {
		this.directory = directory;
		this.port = port;
		this.process = process;
		// hooks run concurrently: give Spring's context-closing hook time to stop the client and then
		// this broker in order, and only then kill what is left
		this.killOnExit = new Thread(() -> {
			if (!waitFor(process, EXIT_GRACE)) {
				process.destroyForcibly();
			}
		}, "mosquitto-test-broker-exit");
		Runtime.getRuntime().addShutdownHook(this.killOnExit);
	}

	static boolean isInstalled() {
		return executable().isPresent();
	}

	static MosquittoTestBroker start() {
		Path binary = executable().orElseThrow(() -> new IllegalStateException(TestBrokers.unavailable(Kind.MOSQUITTO)));
		Path directory = TestBrokerFiles.createDirectory("mqtt-test-mosquitto-");
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		String failure;
		do {
			// a free port can be taken between finding and binding it: then try another one
			int port = TestBrokerFiles.freePort();
			Process process = launch(binary, directory, port);
			failure = awaitListening(process, port, deadline);
			if (failure == null) {
				return new MosquittoTestBroker(directory, port, process);
			}
			destroy(process);
		}
		while (failure.contains("in use") && System.nanoTime() - deadline < 0);
		String log = TestBrokerFiles.read(directory.resolve("mosquitto.log"));
		TestBrokerFiles.delete(directory);
		throw new IllegalStateException("Mosquitto did not start: " + failure + "\n" + log);
	}

	@Override
	public String getServerUri() {
		return "tcp://" + TestBrokerFiles.HOST + ":" + this.port;
	}

	@Override
	public Kind getKind() {
		return Kind.MOSQUITTO;
	}

	@Override
	public void close() {
		destroy(this.process);
		try {
			Runtime.getRuntime().removeShutdownHook(this.killOnExit);
		}
		catch (IllegalStateException ex) {
			// the JVM is shutting down: the hook runs anyway
		}
		TestBrokerFiles.delete(this.directory);
	}

	@Override
	public String toString() {
		return "Mosquitto on " + getServerUri();
	}

	private static Process launch(Path binary, Path directory, int port) {
		Path config = directory.resolve("mosquitto.conf");
		Path log = directory.resolve("mosquitto.log");
		try {
			Files.write(config, List.of("listener " + port + " " + TestBrokerFiles.HOST, "allow_anonymous true",
					"persistence false", "log_dest stdout", "log_type error", "log_type warning"),
					StandardCharsets.UTF_8);
			return new ProcessBuilder(binary.toString(), "-c", config.toString()).directory(directory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot launch " + binary, ex);
		}
	}

	/** {@code null} once the port accepts TCP, else why not. */
	private static String awaitListening(Process process, int port, long deadline) {
		while (System.nanoTime() - deadline < 0) {
			if (acceptsTcp(port)) {
				return null;
			}
			if (waitFor(process, Duration.ofMillis(25))) {
				return "exited with " + process.exitValue() + " (port " + port + " in use?)";
			}
		}
		return "port " + port + " not listening within " + START_TIMEOUT.toSeconds() + " s";
	}

	private static boolean acceptsTcp(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(TestBrokerFiles.HOST, port), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static void destroy(Process process) {
		process.destroy();
		if (!waitFor(process, Duration.ofSeconds(5))) {
			process.destroyForcibly();
			waitFor(process, Duration.ofSeconds(10));
		}
	}

	private static boolean waitFor(Process process, Duration timeout) {
		try {
			return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return !process.isAlive();
		}
	}

	private static Optional<Path> executable() {
		String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
		return Stream.concat(Stream.of(path.split(File.pathSeparator)).filter((dir) -> !dir.isEmpty()),
				USUAL_DIRECTORIES.stream())
			.map((dir) -> Path.of(dir, "mosquitto"))
			.filter(Files::isExecutable)
			.findFirst();
	}

}
