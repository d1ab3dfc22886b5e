package io.github.mqttboot.benchmarks;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * One scenario: its contenders run alternately, one run each per round, the order rotated every
 * round; the first {@code warmups} rounds are discarded. A run that lost a message or failed is
 * rejected and reported. Each scenario runs in a JVM of its own ({@link #runInOwnJvm}), as JMH
 * forks each benchmark: code compiled for an earlier scenario would otherwise shape its figures.
 */
final class Scenario {

	/** The scenarios to run, separated by {@code ,}; unset for all. */
	static final String ONLY_PROPERTY = "bench.only";

	/** Where a JVM started by {@link #runInOwnJvm} writes its scenario's runs. */
	static final String RESULTS_PROPERTY = "bench.results";

	/** The contenders {@code -Dbench.contenders} names, separated by {@code ;}, or {@code null} for all. */
	static final List<String> ONLY_CONTENDERS = (System.getProperty("bench.contenders") != null)
			? List.of(System.getProperty("bench.contenders").split(";")) : null;

	final String id;

	final String title;

	final String unit;

	final boolean higherIsBetter;

	final int warmups;

	final int rounds;

	final Map<String, Callable<Measurement>> contenders = new LinkedHashMap<>();

	final Map<String, List<Measurement>> accepted = new LinkedHashMap<>();

	final Map<String, List<String>> rejected = new LinkedHashMap<>();

	Scenario(String id, String title, String unit, boolean higherIsBetter, int warmups, int rounds) {
		this.id = id;
		this.title = title;
		this.unit = unit;
		this.higherIsBetter = higherIsBetter;
		this.warmups = warmups;
		this.rounds = rounds;
	}

	Scenario contender(String name, Callable<Measurement> run) {
		if (ONLY_CONTENDERS != null && !ONLY_CONTENDERS.contains(name)) {
			return this;
		}
		this.contenders.put(name, run);
		this.accepted.put(name, new ArrayList<>());
		this.rejected.put(name, new ArrayList<>());
		return this;
	}

	void run() {
		List<String> names = new ArrayList<>(this.contenders.keySet());
		for (int round = 0; round < this.warmups + this.rounds; round++) {
			boolean warmup = round < this.warmups;
			for (int i = 0; i < names.size(); i++) {
				String name = names.get((i + round) % names.size());
				Measurement measurement;
				String failure = null;
				try {
					measurement = this.contenders.get(name).call();
					if (measurement.lost() > 0) {
						failure = "lost " + measurement.lost() + " message(s)"
								+ ((measurement.note() != null) ? " (" + measurement.note() + ")" : "");
					}
				}
				catch (Exception ex) {
					measurement = null;
					failure = ex.toString();
				}
				System.out.printf("%s round %d%s %-22s %s%n", this.id, round, warmup ? " (warm-up)" : "", name,
						(failure != null) ? "REJECTED: " + failure : format(measurement.value()) + " " + this.unit + " "
								+ measurement.extras());
				if (failure != null) {
					this.rejected.get(name).add((warmup ? "warm-up: " : "") + failure);
				}
				else if (!warmup) {
					this.accepted.get(name).add(measurement);
				}
			}
		}
	}

	/**
	 * Runs this scenario in a new JVM with this one's options and class path, on a broker of its
	 * own, and takes its runs back.
	 */
	void runInOwnJvm(List<String> arguments) throws IOException, InterruptedException {
		Path results = Files.createTempFile("mqtt-bench-" + this.id, ".runs");
		try {
			List<String> command = new ArrayList<>();
			command.add(ProcessHandle.current().info().command().orElse("java"));
			ManagementFactory.getRuntimeMXBean()
				.getInputArguments()
				.stream()
				.filter((option) -> !option.startsWith("-D" + ONLY_PROPERTY + "=")
						&& !option.startsWith("-D" + RESULTS_PROPERTY + "="))
				.forEach(command::add);
			command.addAll(List.of("-D" + ONLY_PROPERTY + "=" + this.id, "-D" + RESULTS_PROPERTY + "=" + results, "-cp",
					System.getProperty("java.class.path"), Benchmarks.class.getName()));
			command.addAll(arguments);
			int exit = new ProcessBuilder(command).inheritIO().start().waitFor();
			if (exit != 0) {
				throw new IllegalStateException(this.id + "'s JVM exited with " + exit);
			}
			read(results);
		}
		finally {
			Files.deleteIfExists(results);
		}
	}

	/** Writes the runs, in a JVM that {@link #runInOwnJvm} started. */
	void write(Path results) throws IOException {
		try (ObjectOutputStream out = new ObjectOutputStream(Files.newOutputStream(results))) {
			out.writeObject(this.accepted);
			out.writeObject(this.rejected);
		}
	}

	@SuppressWarnings("unchecked")
	private void read(Path results) throws IOException {
		try (ObjectInputStream in = new ObjectInputStream(Files.newInputStream(results))) {
			this.accepted.putAll((Map<String, List<Measurement>>) in.readObject());
			this.rejected.putAll((Map<String, List<String>>) in.readObject());
		}
		catch (ClassNotFoundException ex) {
			throw new IllegalStateException(ex);
		}
	}

	double median(String name) {
		return median(this.accepted.get(name).stream().mapToDouble(Measurement::value).toArray());
	}

	double medianExtra(String name, String extra) {
		return median(this.accepted.get(name)
			.stream()
			.filter((m) -> m.extras().containsKey(extra))
			.mapToDouble((m) -> m.extras().get(extra))
			.toArray());
	}

	/** How many times better the first contender (the starter) is than this one: above 1 = better. */
	double ratio(String starter, String other) {
		double ours = median(starter);
		double theirs = median(other);
		return this.higherIsBetter ? ours / theirs : theirs / ours;
	}

	static double median(double[] values) {
		if (values.length == 0) {
			return Double.NaN;
		}
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

	static String format(double value) {
		if (Double.isNaN(value)) {
			return "–";
		}
		if (Math.abs(value) >= 100 || value == Math.rint(value)) {
			return String.format("%,.0f", value);
		}
		return String.format("%.2f", value);
	}

}
