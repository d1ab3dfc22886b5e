package io.github.mqttboot.listener;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.github.mqttboot.client.DriverPair;

/**
 * Starts {@link AtLeastOnceConsumer} applications as child JVMs with a persistent session, so
 * that tests can stop them (SIGTERM) or kill them (SIGKILL), and reads what they handled.
 */
final class ConsumerProcesses {

	private ConsumerProcesses() {
	}

	static Process start(String brokerUri, DriverPair pair, String clientId, Path output, String... arguments)
			throws IOException {
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		List<String> command = new ArrayList<>(List.of(java.toString(), "-Dconsumer.output=" + output, "-cp",
				System.getProperty("java.class.path"), AtLeastOnceConsumer.class.getName(),
				"--mqtt.server-uris=" + brokerUri, "--mqtt.client-id=" + clientId, "--mqtt.clean-start=false",
				// MQTT 3.1.1 keeps a session that is not clean until it is cleaned
				"--mqtt.session-expiry=" + (pair.isMqtt5() ? "5m" : "0s"), "--mqtt.embedded.enabled=false",
				"--mqtt.reconnect.initial-delay=100ms", "--" + pair.properties()[0], "--" + pair.properties()[1],
				// Docker Compose support is on the test classpath and skips only inside tests
				"--spring.docker.compose.enabled=false"));
		command.addAll(List.of(arguments));
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logFile(clientId).toFile()).start();
	}

	/** Kept under target so that a failure can be read after the temporary folder is gone. */
	private static Path logFile(String clientId) throws IOException {
		Path logs = Files.createDirectories(Path.of("target", "consumers"));
		return logs.resolve(clientId + "-" + System.nanoTime() + ".log");
	}

	/** The messages a consumer handled, in order, duplicates included. */
	static List<String> handled(Path output) throws IOException {
		return lines(output).filter((line) -> line.startsWith("order-")).toList();
	}

	static boolean isReady(Path output) throws IOException {
		return lines(output).anyMatch("ready"::equals);
	}

	private static Stream<String> lines(Path output) throws IOException {
		return Files.exists(output) ? Files.readAllLines(output, StandardCharsets.UTF_8).stream() : Stream.empty();
	}

}
