package io.github.mqttboot.client;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CallbackExecutor}: one thread while callbacks return promptly, more when they block.
 */
class CallbackExecutorTests {

	private final AtomicInteger threadNumber = new AtomicInteger();

	private final ThreadFactory threadFactory = (task) -> new Thread(task,
			"test-callback-" + this.threadNumber.incrementAndGet());

	private volatile ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor();

	private final CountDownLatch release = new CountDownLatch(1);

	private final CallbackExecutor executor = new CallbackExecutor(this.threadFactory, () -> this.checks);

	@AfterEach
	void stop() {
		this.release.countDown();
		this.executor.stop(System.nanoTime() + TimeUnit.SECONDS.toNanos(5));
		this.checks.shutdownNow();
	}

	@Test
	void callbacksThatReturnPromptlyRunOnOneThread() throws Exception {
		// a collection or a busy machine can hold the thread for the default stall time: the
		// claim here is that nothing but a stall starts another thread
		CallbackExecutor executor = new CallbackExecutor(this.threadFactory, () -> this.checks,
				TimeUnit.SECONDS.toNanos(10));
		executor.start();
		try {
			Set<String> threads = ConcurrentHashMap.newKeySet();
			CountDownLatch done = new CountDownLatch(10_000);
			for (int i = 0; i < 10_000; i++) {
				executor.execute(() -> {
					threads.add(Thread.currentThread().getName());
					done.countDown();
				});
			}
			assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
			assertThat(threads).hasSize(1);
		}
		finally {
			executor.stop(System.nanoTime() + TimeUnit.SECONDS.toNanos(5));
		}
	}

	@Test
	void aBlockedCallbackHoldsUpTheNextOneOnlyBriefly() throws Exception {
		this.executor.start();
		CountDownLatch blocking = new CountDownLatch(1);
		this.executor.execute(() -> {
			blocking.countDown();
			awaitQuietly(this.release);
		});
		assertThat(blocking.await(5, TimeUnit.SECONDS)).isTrue();
		// the only callback after the blocked one: nothing but the check starts another thread
		CountDownLatch ran = new CountDownLatch(1);
		long start = System.nanoTime();
		this.executor.execute(ran::countDown);
		assertThat(ran.await(5, TimeUnit.SECONDS)).as("the second callback ran").isTrue();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
	}

	@Test
	void aCheckLostWithTheLastRunsSchedulerDoesNotBlockTheNextRunsChecks() throws Exception {
		this.executor.start();
		CountDownLatch firstBlocking = new CountDownLatch(1);
		CountDownLatch firstRelease = new CountDownLatch(1);
		this.executor.execute(() -> {
			firstBlocking.countDown();
			awaitQuietly(firstRelease);
		});
		assertThat(firstBlocking.await(5, TimeUnit.SECONDS)).isTrue();
		// schedules a check, which the scheduler's end drops
		this.executor.execute(() -> {
		});
		this.checks.shutdownNow();
		firstRelease.countDown();
		this.executor.stop(System.nanoTime() + TimeUnit.SECONDS.toNanos(5));
		this.checks = Executors.newSingleThreadScheduledExecutor();
		aBlockedCallbackHoldsUpTheNextOneOnlyBriefly();
	}

	@Test
	void atMostEightCallbacksRunAtOnce() throws Exception {
		this.executor.start();
		CountDownLatch started = new CountDownLatch(CallbackExecutor.THREADS);
		AtomicInteger running = new AtomicInteger();
		AtomicInteger most = new AtomicInteger();
		for (int i = 0; i < CallbackExecutor.THREADS + 1; i++) {
			this.executor.execute(() -> {
				most.accumulateAndGet(running.incrementAndGet(), Math::max);
				started.countDown();
				awaitQuietly(this.release);
				running.decrementAndGet();
			});
		}
		assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
		CountDownLatch last = new CountDownLatch(1);
		this.executor.execute(last::countDown);
		assertThat(last.await(200, TimeUnit.MILLISECONDS)).as("a ninth thread").isFalse();
		this.release.countDown();
		assertThat(last.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(most.get()).isEqualTo(CallbackExecutor.THREADS);
	}

	@Test
	void aCallbackThatThrowsOrInterruptsLeavesTheThreadToTheNext() throws Exception {
		this.executor.start();
		AtomicBoolean interrupted = new AtomicBoolean(true);
		CountDownLatch done = new CountDownLatch(1);
		this.executor.execute(() -> {
			throw new OutOfMemoryError("test");
		});
		this.executor.execute(() -> Thread.currentThread().interrupt());
		this.executor.execute(() -> {
			interrupted.set(Thread.currentThread().isInterrupted());
			done.countDown();
		});
		assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(interrupted).isFalse();
		assertThat(this.threadNumber).hasValue(1);
	}

	@Test
	void stopLetsQueuedCallbacksFinishThenRunsCallbacksInPlace() throws Exception {
		this.executor.start();
		CountDownLatch done = new CountDownLatch(100);
		for (int i = 0; i < 100; i++) {
			this.executor.execute(done::countDown);
		}
		this.executor.stop(System.nanoTime() + TimeUnit.SECONDS.toNanos(5));
		assertThat(done.getCount()).isZero();
		AtomicBoolean inPlace = new AtomicBoolean();
		Thread caller = Thread.currentThread();
		this.executor.execute(() -> inPlace.set(Thread.currentThread() == caller));
		assertThat(inPlace).isTrue();
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
