package io.github.mqttboot.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every scenario shares: the broker, unique client ids and topics, the C clients and the
 * payload files they publish.
 */
final class Env {

	/** Every message's payload is this long (bytes), whoever publishes it. */
	static final int PAYLOAD_SIZE = 32;

	/**
	 * Messages each throughput run sends through its contender, unmeasured, before its measured
	 * count (at most that count): the JIT compiles a fresh contender's message path while they
	 * pass, which belongs to no steady state.
	 */
	static final int WARM_UP = 20_000;

	final Mosquitto broker;

	private final AtomicInteger sequence = new AtomicInteger();

	private final Map<Integer, Path> lines = new HashMap<>();

	Env(Mosquitto broker) {
		this.broker = broker;
	}

	String id(String scenario, String contender) {
		return "bench-" + scenario + "-" + contender.replaceAll("[^a-zA-Z0-9]", "") + "-" + this.sequence.incrementAndGet();
	}

	static byte[] payload() {
		byte[] payload = new byte[PAYLOAD_SIZE];
		java.util.Arrays.fill(payload, (byte) 'x');
		return payload;
	}

	/** How many messages a run of {@code count} sends unmeasured first. */
	static int warmUp(int count) {
		return Math.min(WARM_UP, count);
	}

	/**
	 * Publishes a run's warm-up with {@code mosquitto_pub} and waits until the contender took it
	 * (or took nothing for a second); then the sink counts from zero towards {@code count}.
	 */
	void warmUp(String topic, int qos, int count, Sink sink) throws IOException, InterruptedException {
		int messages = warmUp(count);
		sink.expect(messages);
		Process publisher = publishLines(topic, qos, messages);
		sink.awaitAll(1_000);
		publisher.waitFor(30, TimeUnit.SECONDS);
		publisher.destroyForcibly();
		sink.expect(count);
	}

	/** Waits until the broker logged a subscription of the client (each contender's SUBACK path differs). */
	void awaitSubscribed(String clientId) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
		while (!this.broker.hasSubscribed(clientId)) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException(clientId + " did not subscribe within 15 s");
			}
			Thread.sleep(5);
		}
	}

	/** Waits until the broker logged {@code count} subscriptions to filters starting with {@code prefix}. */
	void awaitSubscriptions(String prefix, int count) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (this.broker.subscriptions(prefix) < count) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("not " + count + " subscriptions to " + prefix + "* within 60 s");
			}
			Thread.sleep(20);
		}
	}

	/**
	 * {@code mosquitto_pub -l} fed {@code count} lines of {@link #PAYLOAD_SIZE} bytes, with the
	 * broker's window ({@code -M}) so that at QoS 1 the publisher is not what limits a run.
	 */
	Process publishLines(String topic, int qos, int count) throws IOException {
		Path file = this.lines.get(count);
		if (file == null) {
			file = Files.createTempFile("mqtt-bench-lines", ".txt");
			file.toFile().deleteOnExit();
			StringBuilder text = new StringBuilder(count * (PAYLOAD_SIZE + 1));
			for (int i = 0; i < count; i++) {
				text.append(String.format("%0" + PAYLOAD_SIZE + "d", i)).append('\n');
			}
			Files.writeString(file, text, StandardCharsets.US_ASCII);
			this.lines.put(count, file);
		}
		return new ProcessBuilder(List.of("mosquitto_pub", "-h", "127.0.0.1", "-p", String.valueOf(this.broker.port()),
				"-i", id("pub", "c"), "-q", String.valueOf(qos), "-M", String.valueOf(Mosquitto.MAX_INFLIGHT), "-t", topic,
				"-l"))
			.redirectInput(file.toFile())
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.redirectError(ProcessBuilder.Redirect.DISCARD)
			.start();
	}

	/** {@code mosquitto_sub -C count}: each line it prints is one message handed to the sink. */
	Process subscribeLines(String clientId, String topic, int qos, int count, Sink sink) throws IOException {
		Process process = new ProcessBuilder(List.of("mosquitto_sub", "-h", "127.0.0.1", "-p",
				String.valueOf(this.broker.port()), "-i", clientId, "-q", String.valueOf(qos), "-t", topic, "-C",
				String.valueOf(count), "-W", "120"))
			.redirectError(ProcessBuilder.Redirect.DISCARD)
			.start();
		Thread reader = new Thread(() -> {
			try (var in = new java.io.BufferedReader(
					new java.io.InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII), 1 << 16)) {
				while (in.readLine() != null) {
					sink.accept();
				}
			}
			catch (IOException ex) {
				// the process ended
			}
		}, "bench-mosquitto-sub-reader");
		reader.setDaemon(true);
		reader.start();
		return process;
	}

}
