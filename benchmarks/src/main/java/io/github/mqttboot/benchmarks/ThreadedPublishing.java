package io.github.mqttboot.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import io.github.mqttboot.core.MqttTemplate;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * S9: S2's QoS 1 publishes from {@link #THREADS} threads sharing one client: each thread
 * publishes its share of the count, and together they keep at most {@code window}
 * unacknowledged (one semaphore, as S2's caller; the starter's {@code mqtt.max-inflight} is the
 * same window). The rate is the count over the time from releasing the threads to the last
 * PUBACK, after an unmeasured warm-up ({@link Env#WARM_UP}) the same way.
 */
final class ThreadedPublishing {

	static final int THREADS = 100;

	private final Env env;

	private final int count;

	private final int window;

	ThreadedPublishing(Env env, int count, int window) {
		this.env = env;
		this.count = count;
		this.window = window;
	}

	Callable<Measurement> starter(StarterApp.Variant variant) {
		return () -> {
			String id = this.env.id("s9", variant.name());
			try (ConfigurableApplicationContext context = StarterApp.run(variant, this.env.broker.uri(), id,
					new Sink(0, 0), Map.of("mqtt.max-inflight", String.valueOf(this.window)))) {
				MqttTemplate template = StarterApp.template(context);
				String topic = "bench/" + id;
				byte[] payload = Env.payload();
				return concurrently((done) -> template.publish(topic, payload, 1, false)
					.whenComplete((result, failure) -> done.accept(failure == null)));
			}
		};
	}

	/** One {@code MqttAsyncClient} shared by every thread, each publish completing a listener. */
	Callable<Measurement> rawPaho() {
		return () -> {
			String id = this.env.id("s9", "paho");
			try (RawPaho paho = new RawPaho(this.env.broker.uri(), id).connect(RawPaho.options())) {
				String topic = "bench/" + id;
				byte[] payload = Env.payload();
				return concurrently((done) -> paho.publish(topic, payload, 1, done));
			}
		};
	}

	/** The run's warm-up, unmeasured, then its measured count. */
	private Measurement concurrently(Consumer<Consumer<Boolean>> publish) throws InterruptedException {
		concurrently(publish, Env.warmUp(this.count), false);
		return concurrently(publish, this.count, true);
	}

	private Measurement concurrently(Consumer<Consumer<Boolean>> publish, int count, boolean measured)
			throws InterruptedException {
		Semaphore permits = new Semaphore(this.window);
		AtomicLong acked = new AtomicLong();
		CountDownLatch go = new CountDownLatch(1);
		List<Thread> threads = new ArrayList<>();
		for (int t = 0; t < THREADS; t++) {
			int share = count / THREADS + ((t < count % THREADS) ? 1 : 0);
			Thread thread = new Thread(() -> {
				try {
					go.await();
					for (int i = 0; i < share; i++) {
						permits.acquire();
						publish.accept((success) -> {
							if (success) {
								acked.incrementAndGet();
							}
							permits.release();
						});
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}, "bench-s9-publisher-" + t);
			thread.start();
			threads.add(thread);
		}
		if (measured) {
			Probes.settle();
		}
		long start = System.nanoTime();
		go.countDown();
		for (Thread thread : threads) {
			thread.join(TimeUnit.SECONDS.toMillis(30));
		}
		boolean drained = permits.tryAcquire(this.window, 30, TimeUnit.SECONDS);
		long end = System.nanoTime();
		Measurement measurement = Measurement.of(count / ((end - start) / 1e9), count - acked.get());
		return drained ? measurement : measurement.note("not every publish completed within 30 s");
	}

}
