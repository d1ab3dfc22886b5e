package io.github.mqttboot.listener;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.mqttboot.client.DriverPair;
import io.github.mqttboot.client.ManagedMqttClient;
import io.github.mqttboot.client.PublishResult;
import io.github.mqttboot.client.TestClients;
import io.github.mqttboot.testsupport.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * At-least-once: a consumer JVM with a persistent session is killed (SIGKILL) mid-stream; after
 * it restarts with the same client id, every message is handled at least once. For every driver
 * and protocol: each acknowledges a message only after its handler.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.github.mqttboot.client.DriverPair#pairs")
class AtLeastOnceCrashTests {

	@Parameter
	DriverPair pair;

	private static final int MESSAGES = 1000;

	@RegisterExtension
	static final TestBroker broker = TestBroker.create().unboundedQueues();

	@TempDir
	Path directory;

	@Test
	void killedConsumerGetsUnacknowledgedMessagesAgainAfterRestart() throws Exception {
		Path output = this.directory.resolve("handled.txt");
		String clientId = "consumer-" + System.nanoTime();
		Process first = consumer(clientId, output);
		Process second = null;
		try {
			await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofSeconds(1))
				.until(() -> subscribed(output, first));
			publish();
			await().atMost(Duration.ofSeconds(60)).until(() -> lines(output).size() >= MESSAGES / 5);
			first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			int beforeKill = lines(output).size();
			second = consumer(clientId, output);
			Process restarted = second;
			await().atMost(Duration.ofMinutes(2))
				.alias("all messages handled; restarted consumer alive: " + restarted.isAlive())
				.until(() -> lines(output).stream().distinct().count() >= MESSAGES);
			List<String> handled = lines(output);
			long distinct = handled.stream().distinct().count();
			String report = String.format("AT-LEAST-ONCE-REPORT " + this.pair + " %d published, %d handled before the kill, %d distinct "
					+ "handled in all, %d lost, %d duplicates%n", MESSAGES, beforeKill, distinct, MESSAGES - distinct,
					handled.size() - distinct);
			System.out.print(report);
			Files.writeString(Path.of("target", "at-least-once-report.txt"), report, StandardCharsets.UTF_8,
					java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
			assertThat(distinct).isEqualTo(MESSAGES);
			assertThat(beforeKill).isLessThan(MESSAGES);
		}
		finally {
			first.destroyForcibly();
			if (second != null) {
				second.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
	}

	private static boolean subscribed(Path output, Process consumer) throws IOException {
		assertThat(consumer.isAlive()).as("consumer running").isTrue();
		// the consumer marks its readiness by handling a probe message
		ManagedMqttClient probe = TestClients.client("probe", broker.uri());
		probe.start();
		try {
			await().atMost(TestClients.await()).until(probe::isConnected);
			probe.publish("orders/probe", "probe".getBytes(StandardCharsets.UTF_8), 1, false).join();
		}
		finally {
			probe.stop();
		}
		return Files.exists(output) && Files.readAllLines(output, StandardCharsets.UTF_8).contains("probe");
	}

	private static void publish() throws Exception {
		ManagedMqttClient publisher = TestClients.client("orders", broker.uri());
		publisher.start();
		try {
			await().atMost(TestClients.await()).until(publisher::isConnected);
			List<CompletableFuture<PublishResult>> sent = new ArrayList<>();
			for (int i = 0; i < MESSAGES; i++) {
				sent.add(publisher.publish("orders/" + (i % 3), ("order-" + i).getBytes(StandardCharsets.UTF_8), 1,
						false));
			}
			CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(1, TimeUnit.MINUTES);
		}
		finally {
			publisher.stop();
		}
	}

	private Process consumer(String clientId, Path output) throws IOException {
		return ConsumerProcesses.start(broker.uri(), this.pair, clientId, output);
	}

	private static List<String> lines(Path output) throws IOException {
		return ConsumerProcesses.handled(output);
	}

}
