package io.github.mqttboot.testsummary;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which brokers were started while which test or test class ran: a test broker calls
 * {@link #record(String)} when it starts, and {@link TestBrokerSummary} attributes the broker to
 * the innermost test or container running at that moment (the suite runs one at a time), and so
 * to every test below it.
 */
public final class TestBrokerUsage {

	private static final Deque<String> running = new ArrayDeque<>();

	private static final Map<String, Set<String>> brokers = new ConcurrentHashMap<>();

	private TestBrokerUsage() {
	}

	/**
	 * Record that a broker started for the test or container running now.
	 * @param broker {@link TestBrokerSelection#MOSQUITTO} or {@link TestBrokerSelection#EMBEDDED}
	 */
	public static void record(String broker) {
		String current;
		synchronized (running) {
			current = running.peek();
		}
		if (current != null) {
			record(current, broker);
		}
	}

	static void record(String uniqueId, String broker) {
		brokers.computeIfAbsent(uniqueId, (key) -> ConcurrentHashMap.newKeySet()).add(broker);
	}

	static Set<String> recorded(String uniqueId) {
		Set<String> recorded = brokers.get(uniqueId);
		return (recorded != null) ? new TreeSet<>(recorded) : Set.of();
	}

	static void started(String uniqueId) {
		synchronized (running) {
			running.push(uniqueId);
		}
	}

	static void finished(String uniqueId) {
		synchronized (running) {
			running.remove(uniqueId);
		}
	}

}
