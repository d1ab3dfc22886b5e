package io.github.mqttboot.benchmarks;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import io.github.mqttboot.client.SubscriptionOptions;
import io.github.mqttboot.listener.MqttListenerEndpoint;
import io.github.mqttboot.listener.MqttListenerEndpointRegistry;
import io.github.mqttboot.listener.TopicTemplate;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.common.MqttSubscription;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * S8: {@link #LISTENERS} listeners on distinct wildcard filters ({@code bench/<id>/<i>/+/c/#}),
 * and S1's load: {@code mosquitto_pub -l} publishes the same count at QoS 0 into one topic, which
 * only the last listener's filter matches. The publisher is S1's; its topic is longer than S1's and
 * has more levels, so each contender also runs with one listener of the same shape: the ratio to
 * that run is what the other 999 subscriptions cost per message, the ratio of that run to S1 what
 * the topic's shape costs. Each run first takes an unmeasured warm-up ({@link Env#WARM_UP}).
 * Extras: the threads the contender added and the time from creating it to the broker having every
 * subscription.
 */
final class Fanout {

	static final int LISTENERS = 1_000;

	private final Env env;

	private final int count;

	Fanout(Env env, int count) {
		this.env = env;
		this.count = count;
	}

	/** The name of a contender's run with one listener on S8's topic. */
	static String oneListener(String contender) {
		return contender + ", 1 listener";
	}

	/** Each listener's filter: a distinct second level, a wildcard level, then a multi-level tail. */
	static String filter(String id, int listener) {
		return "bench/" + id + "/" + listener + "/+/c/#";
	}

	/** A topic only the last of {@code listeners} filters matches. */
	private static String topic(String id, int listeners) {
		return "bench/" + id + "/" + (listeners - 1) + "/device-7/c/temperature";
	}

	Callable<Measurement> starter(StarterApp.Variant variant, int listeners) {
		return () -> {
			String id = this.env.id("s8", variant.name());
			Sink sink = new Sink(this.count, 0);
			int threads = Probes.threadCount();
			long created = System.nanoTime();
			try (ConfigurableApplicationContext context = StarterApp.run(variant, this.env.broker.uri(), id, sink,
					Map.of("bench.s8.id", id, "bench.s8.listeners", String.valueOf(listeners)),
					FanoutListeners.class)) {
				return deliver(id, listeners, sink, threads, created);
			}
		};
	}

	/**
	 * One client, one subscription with its own listener per filter. Paho's
	 * {@code subscribe(subscription, listener)} throws in 1.2.5 (it reads a subscription
	 * identifier from empty properties), so this calls the overload Spring Integration's adapter
	 * calls, with no properties: Paho then routes each message by testing it against every
	 * filter.
	 */
	Callable<Measurement> rawPaho(int listeners) {
		return () -> {
			String id = this.env.id("s8", "paho");
			Sink sink = new Sink(this.count, 0);
			int threads = Probes.threadCount();
			long created = System.nanoTime();
			try (RawPaho paho = new RawPaho(this.env.broker.uri(), id).connect(RawPaho.options())) {
				for (int i = 0; i < listeners; i++) {
					MqttSubscription[] subscription = { new MqttSubscription(filter(id, i), 0) };
					IMqttMessageListener[] listener = { (topic, message) -> sink.accept() };
					paho.client().subscribe(subscription, null, null, listener, null).waitForCompletion(10_000);
				}
				return deliver(id, listeners, sink, threads, created);
			}
		};
	}

	private Measurement deliver(String id, int listeners, Sink sink, int threadsBefore, long created)
			throws Exception {
		this.env.awaitSubscriptions("bench/" + id + "/", listeners);
		double startup = (System.nanoTime() - created) / 1e6;
		this.env.warmUp(topic(id, listeners), 0, this.count, sink);
		Probes.settle();
		long start = System.nanoTime();
		Process publisher = this.env.publishLines(topic(id, listeners), 0, this.count);
		boolean all = sink.awaitAll(5_000);
		long end = all ? sink.doneNanos() : System.nanoTime();
		publisher.waitFor(30, TimeUnit.SECONDS);
		publisher.destroyForcibly();
		return Measurement.of(this.count / ((end - start) / 1e9), this.count - sink.count())
			.with("threads", Probes.threadCount() - threadsBefore)
			.with("subscribed after ms", startup);
	}

	/**
	 * The starter's listeners, {@code bench.s8.listeners} of them, registered as the annotation's
	 * processor registers each {@code @MqttListener} method: one endpoint per filter, each with its
	 * own id.
	 */
	public static class FanoutListeners implements SmartInitializingSingleton {

		private static final Method ON = onMethod();

		private final Sink sink;

		private final MqttListenerEndpointRegistry registry;

		private final String id;

		private final int listeners;

		public FanoutListeners(Sink benchSink, MqttListenerEndpointRegistry registry, Environment environment) {
			this.sink = benchSink;
			this.registry = registry;
			this.id = environment.getRequiredProperty("bench.s8.id");
			this.listeners = environment.getRequiredProperty("bench.s8.listeners", Integer.class);
		}

		public void on(byte[] payload) {
			this.sink.accept();
		}

		@Override
		public void afterSingletonsInstantiated() {
			for (int i = 0; i < this.listeners; i++) {
				this.registry.registerEndpoint(new MqttListenerEndpoint("s8-" + i,
						List.of(TopicTemplate.parse(filter(this.id, i))), 0, null, 0, null, null, null, null, 0,
						SubscriptionOptions.DEFAULTS, this, ON));
			}
		}

		private static Method onMethod() {
			try {
				return FanoutListeners.class.getMethod("on", byte[].class);
			}
			catch (NoSuchMethodException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
