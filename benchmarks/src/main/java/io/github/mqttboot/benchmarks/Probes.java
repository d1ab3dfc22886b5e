package io.github.mqttboot.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What S7 reads: the JVM's live threads and the bytes its threads allocated. Allocation is the
 * sum of HotSpot's per-thread allocated-bytes counters over every live thread, taken before and
 * after the measured window; the contenders' threads live across the whole window, so none of
 * their allocation is missed, and the harness's own thread only waits on a latch meanwhile. And
 * what every measured window starts with: {@link #settle()}.
 */
final class Probes {

	private static final long QUIET_MILLIS = 200;

	private static final long SETTLE_MILLIS = 10_000;

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

	/**
	 * Collects the garbage of the runs before and waits until the JIT compilers have been idle for
	 * {@value #QUIET_MILLIS} ms (at most {@value #SETTLE_MILLIS} ms): a contender's start-up (a
	 * Spring context's refresh, a client's connect) leaves the compilers busy for up to a second
	 * on this machine's 2 cores, and that belongs to none of the figures measured after it.
	 */
	static void settle() throws InterruptedException {
		System.gc();
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SETTLE_MILLIS);
		long compiled = compilationMillis();
		long quietSince = System.nanoTime();
		while (System.nanoTime() - quietSince < TimeUnit.MILLISECONDS.toNanos(QUIET_MILLIS)
				&& System.nanoTime() < deadline) {
			Thread.sleep(10);
			long now = compilationMillis();
			if (now != compiled) {
				compiled = now;
				quietSince = System.nanoTime();
			}
		}
	}

	private static long compilationMillis() {
		return ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
	}

	static int threadCount() {
		return THREADS.getThreadCount();
	}

}
