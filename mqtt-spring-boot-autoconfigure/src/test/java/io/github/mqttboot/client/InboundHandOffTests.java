package io.github.mqttboot.client;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * When a worker's thread starts, and how an offer with patience treats a worker that keeps
 * taking items and one that takes none.
 */
class InboundHandOffTests {

	private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

	private InboundHandOff<Integer> handOff;

	@AfterEach
	void finish() {
		if (this.handOff != null) {
			this.handOff.finish(System.nanoTime() + 5 * SECOND);
		}
	}

	@Test
	void aWorkerThreadStartsWithItsFirstItem() {
		List<Thread> threads = new CopyOnWriteArrayList<>();
		AtomicInteger processed = new AtomicInteger();
		this.handOff = counting(3, processed, threads);
		this.handOff.start();
		assertThat(threads).isEmpty();
		assertThat(this.handOff.isAlive()).isTrue();
		assertThat(this.handOff.offer("key", 1)).isTrue();
		assertThat(this.handOff.put("key", 2)).isTrue();
		await().atMost(Duration.ofSeconds(10)).until(() -> processed.get() == 2);
		assertThat(threads).singleElement().satisfies((thread) -> assertThat(thread.isAlive()).isTrue());
		assertThat(this.handOff.isAlive()).isTrue();
	}

	@Test
	void itemsQueuedBeforeTheStartStartTheirWorkersWithIt() {
		List<Thread> threads = new CopyOnWriteArrayList<>();
		AtomicInteger processed = new AtomicInteger();
		this.handOff = counting(2, processed, threads);
		assertThat(this.handOff.offer("key", 1)).isTrue();
		assertThat(threads).isEmpty();
		this.handOff.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> processed.get() == 1);
		assertThat(threads).hasSize(1);
	}

	/** A hand-off that counts the items it processes and keeps the threads it makes. */
	private static InboundHandOff<Integer> counting(int workers, AtomicInteger processed, List<Thread> threads) {
		return new InboundHandOff<>("test", workers, 10, (item) -> processed.incrementAndGet(), (task) -> {
			Thread thread = new Thread(task);
			threads.add(thread);
			return thread;
		}, new PendingWork());
	}

	@Test
	void aPatientOfferWaitsForAWorkerThatKeepsTaking() {
		AtomicInteger processed = new AtomicInteger();
		this.handOff = new InboundHandOff<>("test", 1, 1, (item) -> processed.incrementAndGet(), Thread::new,
				new PendingWork());
		this.handOff.start();
		int refused = 0;
		for (int i = 0; i < 10_000; i++) {
			if (!this.handOff.offer("key", i, SECOND)) {
				refused++;
			}
		}
		assertThat(refused).isZero();
		await().atMost(Duration.ofSeconds(10)).until(() -> processed.get() == 10_000);
	}

	@Test
	void aStuckWorkerHoldsUpAPatientOfferOnceThenNoneUntilItTakesAgain() throws Exception {
		Semaphore taken = new Semaphore(0);
		Semaphore done = new Semaphore(0);
		this.handOff = new InboundHandOff<>("test", 1, 1, (item) -> {
			taken.release();
			done.acquireUninterruptibly();
		}, Thread::new, new PendingWork());
		this.handOff.start();
		assertThat(this.handOff.offer("key", 1)).isTrue();
		assertThat(taken.tryAcquire(5, TimeUnit.SECONDS)).isTrue();
		assertThat(this.handOff.offer("key", 2)).isTrue();
		long start = System.nanoTime();
		assertThat(this.handOff.offer("key", 3, SECOND / 5)).isFalse();
		assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(SECOND / 5);
		start = System.nanoTime();
		assertThat(this.handOff.offer("key", 4, 60 * SECOND)).isFalse();
		assertThat(System.nanoTime() - start).isLessThan(SECOND);
		done.release();
		assertThat(taken.tryAcquire(5, TimeUnit.SECONDS)).isTrue();
		assertThat(this.handOff.offer("key", 5)).isTrue();
		CompletableFuture<Boolean> patient = new CompletableFuture<>();
		Thread offering = new Thread(() -> patient.complete(this.handOff.offer("key", 6, 60 * SECOND)));
		offering.start();
		await().atMost(Duration.ofSeconds(5)).until(() -> offering.getState() == Thread.State.TIMED_WAITING);
		done.release(3);
		assertThat(patient.get(5, TimeUnit.SECONDS)).isTrue();
	}

}
