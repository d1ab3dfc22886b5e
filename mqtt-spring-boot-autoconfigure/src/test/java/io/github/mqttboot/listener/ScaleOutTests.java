package io.github.mqttboot.listener;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three instances of one application in a shared subscription group, each with a persistent
 * session: they share the load, and when one is stopped gracefully (SIGTERM) and another is
 * killed (SIGKILL) mid-stream and both are restarted, every message the broker accepted is
 * handled.
 */
class ScaleOutTests {

	private static final int BATCH = 600;

	@RegisterExtension
	// HiveMQ CE hands a shared subscription's messages out in batches, not one member after the
	// other: with it an instance may get none of a batch
	static final TestBroker broker = TestBroker.create()
		.unboundedQueues()
		.requireMosquitto("round-robin delivery to a shared subscription's members");

	@TempDir
	Path directory;

	private final List<Process> processes = new ArrayList<>();

	@Test
	void instancesShareTheLoadAndLoseNothingWhenStoppedOrKilledAndRestarted() throws Exception {
		Path[] outputs = new Path[3];
		String[] clientIds = new String[3];
		Process[] instances = new Process[3];
		try {
			for (int i = 0; i < 3; i++) {
				outputs[i] = this.directory.resolve("instance-" + i + ".txt");
				clientIds[i] = "worker-" + i + "-" + System.nanoTime();
				instances[i] = start(clientIds[i], outputs[i]);
			}
			await().atMost(Duration.ofSeconds(90))
				.pollInterval(Duration.ofMillis(500))
				.until(() -> ConsumerProcesses.isReady(outputs[0]) && ConsumerProcesses.isReady(outputs[1])
						&& ConsumerProcesses.isReady(outputs[2]));
			publish(0, BATCH).get(1, TimeUnit.MINUTES);
			await().atMost(Duration.ofSeconds(60)).until(() -> handled(outputs).size() == BATCH);
			for (Path output : outputs) {
				assertThat(ConsumerProcesses.handled(output)).as("each instance handles a share").isNotEmpty();
			}
			// SIGTERM: Spring closes the context, which drains and disconnects but never unsubscribes
			instances[0].destroy();
			assertThat(instances[0].waitFor(30, TimeUnit.SECONDS)).as("graceful stop").isTrue();
			CompletableFuture<Void> second = publish(BATCH, BATCH);
			int before = ConsumerProcesses.handled(outputs[1]).size();
			await().atMost(Duration.ofSeconds(60))
				.until(() -> ConsumerProcesses.handled(outputs[1]).size() > before + BATCH / 10);
			instances[1].destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			second.get(1, TimeUnit.MINUTES);
			instances[0] = start(clientIds[0], outputs[0]);
			instances[1] = start(clientIds[1], outputs[1]);
			await().atMost(Duration.ofMinutes(2))
				.pollInterval(Duration.ofMillis(500))
				.until(() -> handled(outputs).size() == 2 * BATCH);
		}
		finally {
			for (Process process : this.processes) {
				process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
	}

	private Process start(String clientId, Path output) throws Exception {
		Process process = ConsumerProcesses.start(broker.uri(), DriverPair.PAHO_V5, clientId, output,
				"--consumer.group=workers");
		this.processes.add(process);
		return process;
	}

	/** The distinct messages all instances handled. */
	private static Set<String> handled(Path[] outputs) throws Exception {
		Set<String> handled = new HashSet<>();
		for (Path output : outputs) {
			handled.addAll(ConsumerProcesses.handled(output));
		}
		return handled;
	}

	private static CompletableFuture<Void> publish(int first, int count) {
		return CompletableFuture.runAsync(() -> {
			ManagedMqttClient publisher = TestClients.client("jobs", broker.uri());
			publisher.start();
			try {
				await().atMost(TestClients.await()).until(publisher::isConnected);
				List<CompletableFuture<PublishResult>> sent = new ArrayList<>();
				for (int i = first; i < first + count; i++) {
					sent.add(publisher.publish("orders/" + (i % 6), ("order-" + i).getBytes(StandardCharsets.UTF_8), 1,
							false));
				}
				CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
			}
			finally {
				publisher.stop();
			}
		});
	}

}
