package io.github.mqttboot.listener;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.github.mqttboot.testsupport.FaultProxy;
import io.github.mqttboot.testsupport.MosquittoBroker;

/**
 * Faults drawn at random from a seed, one at a time: each begins, lasts a random outage, ends,
 * and the next begins after a random gap. Whatever a fault broke is whole again when it ends.
 */
final class RandomFaults {

	enum Kind {

		/** Established connections reset. */
		RESET(0, 0),

		/** Nothing forwarded, established connections stalled, new ones never answered. */
		STALL(1000, 4000),

		/** Established connections reset and new ones reset at once. */
		REFUSE(200, 1500),

		/** The broker stopped (saving its sessions) and started again. */
		BROKER_RESTART(200, 1500),

		/** The consuming application closed and started again. */
		CONSUMER_RESTART(200, 1500);

		private final int minOutageMillis;

		private final int maxOutageMillis;

		Kind(int minOutageMillis, int maxOutageMillis) {
			this.minOutageMillis = minOutageMillis;
			this.maxOutageMillis = maxOutageMillis;
		}

	}

	private static final int MIN_GAP_MILLIS = 300;

	private static final int MAX_GAP_MILLIS = 1500;

	private final FaultProxy proxy;

	private final MosquittoBroker broker;

	private final Runnable stopConsumer;

	private final Runnable startConsumer;

	private final long seed;

	private final Random random;

	private final Map<Kind, Integer> counts = new EnumMap<>(Kind.class);

	private volatile boolean over;

	private volatile Throwable failure;

	RandomFaults(FaultProxy proxy, MosquittoBroker broker, Runnable stopConsumer, Runnable startConsumer, long seed) {
		this.proxy = proxy;
		this.broker = broker;
		this.stopConsumer = stopConsumer;
		this.startConsumer = startConsumer;
		this.seed = seed;
		this.random = new Random(seed);
	}

	/** Begins faults on the scheduler until the duration has passed; {@link #isOver()} then. */
	void runFor(Duration duration, ScheduledExecutorService scheduler) {
		long end = System.nanoTime() + duration.toNanos();
		scheduler.execute(() -> next(end, scheduler));
	}

	private void next(long end, ScheduledExecutorService scheduler) {
		if (System.nanoTime() - end >= 0) {
			this.over = true;
			return;
		}
		Kind kind = Kind.values()[this.random.nextInt(Kind.values().length)];
		long outage = kind.minOutageMillis + this.random.nextInt(kind.maxOutageMillis - kind.minOutageMillis + 1);
		long gap = MIN_GAP_MILLIS + this.random.nextInt(MAX_GAP_MILLIS - MIN_GAP_MILLIS + 1);
		synchronized (this.counts) {
			this.counts.merge(kind, 1, Integer::sum);
		}
		step(() -> begin(kind));
		scheduler.schedule(() -> {
			step(() -> end(kind));
			scheduler.schedule(() -> next(end, scheduler), gap, TimeUnit.MILLISECONDS);
		}, outage, TimeUnit.MILLISECONDS);
	}

	private void step(Runnable action) {
		try {
			action.run();
		}
		catch (Throwable ex) {
			this.failure = ex;
			this.over = true;
			throw ex;
		}
	}

	private void begin(Kind kind) {
		switch (kind) {
			case RESET -> this.proxy.resetEstablished();
			case STALL -> this.proxy.mode(FaultProxy.Mode.BLACKHOLE);
			case REFUSE -> {
				this.proxy.mode(FaultProxy.Mode.RESET);
				this.proxy.resetEstablished();
			}
			case BROKER_RESTART -> this.broker.stop();
			case CONSUMER_RESTART -> this.stopConsumer.run();
		}
	}

	private void end(Kind kind) {
		switch (kind) {
			case RESET -> {
				// a reset connection is for its client to replace
			}
			case STALL, REFUSE -> this.proxy.mode(FaultProxy.Mode.PASS);
			case BROKER_RESTART -> this.broker.start();
			case CONSUMER_RESTART -> this.startConsumer.run();
		}
	}

	boolean isOver() {
		return this.over;
	}

	/** What a fault or its end threw, which ended the faults early, or {@code null}. */
	Throwable failure() {
		return this.failure;
	}

	long seed() {
		return this.seed;
	}

	Map<Kind, Integer> counts() {
		synchronized (this.counts) {
			return new EnumMap<>(this.counts);
		}
	}

}
