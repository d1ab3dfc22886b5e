package io.github.mqttboot.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What S7 reads: the JVM's live threads and the bytes its threads allocated. Allocation is the
 * sum of HotSpot's per-thread allocated-bytes counters over every live thread, taken before and
 * after the measured window; the contenders' threads live across the whole window, so none of
 * their allocation is missed, and the harness's own thread only waits on a latch meanwhile.
 */
final class Probes {

	private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory
		.getThreadMXBean();

	private Probes() {
	}

	static Map<Long, Long> allocated() {
		long[] ids = THREADS.getAllThreadIds();
		long[] bytes = THREADS.getThreadAllocatedBytes(ids);
		Map<Long, Long> result = new HashMap<>();
		for (int i = 0; i < ids.length; i++) {
			if (bytes[i] >= 0) {
				result.put(ids[i], bytes[i]);
			}
		}
		return result;
	}

	static long allocatedSince(Map<Long, Long> before) {
		long total = 0;
		for (Map.Entry<Long, Long> now : allocated().entrySet()) {
			total += now.getValue() - before.getOrDefault(now.getKey(), 0L);
		}
		return total;
	}

	static List<String> threadNames() {
		List<String> names = new ArrayList<>();
		Thread.getAllStackTraces().keySet().forEach((thread) -> names.add(thread.getName()));
		Collections.sort(names);
		return names;
	}

	/** The names in {@code now} that were not in {@code before}, counting duplicates. */
	static List<String> newThreads(List<String> before, List<String> now) {
		List<String> added = new ArrayList<>(now);
		before.forEach(added::remove);
		return added;
	}

	static int threadCount() {
		return THREADS.getThreadCount();
	}

}
