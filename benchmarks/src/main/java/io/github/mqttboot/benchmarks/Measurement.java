package io.github.mqttboot.benchmarks;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One run of one contender: its figure, how many messages it lost (a run that lost any is
 * rejected), and extra figures (p99, threads, bytes per message).
 */
record Measurement(double value, long lost, Map<String, Double> extras, String note) implements Serializable {

	static Measurement of(double value, long lost) {
		return new Measurement(value, lost, new LinkedHashMap<>(), null);
	}

	Measurement with(String name, double extra) {
		this.extras.put(name, extra);
		return this;
	}

	Measurement note(String text) {
		return new Measurement(this.value, this.lost, this.extras, text);
	}

}
