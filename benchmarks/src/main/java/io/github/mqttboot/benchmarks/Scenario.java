package io.github.mqttboot.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * One scenario: its contenders run alternately, one run each per round, the order rotated every
 * round; the first {@code warmups} rounds are discarded. A run that lost a message or failed is
 * rejected and reported.
 */
final class Scenario {

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
