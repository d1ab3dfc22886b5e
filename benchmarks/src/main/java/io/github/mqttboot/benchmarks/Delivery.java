package io.github.mqttboot.benchmarks;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.mqtt.inbound.Mqttv5PahoMessageDrivenChannelAdapter;

/**
 * S1 and S3 (and S7's figures): {@code mosquitto_pub -l} publishes a fixed count into one
 * topic; a contender consumes it. The rate is the count over the time from starting the
 * publisher to the last message handled, so every contender faces the same publisher; a JVM
 * contender first takes an unmeasured warm-up ({@link Env#WARM_UP}) from the same publisher.
 */
final class Delivery {

	private final Env env;

	private final int qos;

	private final int count;

	Delivery(Env env, int qos, int count) {
		this.env = env;
		this.qos = qos;
		this.count = count;
	}

	/** How many messages a run sends, its warm-up included. */
	int messages() {
		return this.count + Env.warmUp(this.count);
	}

	Callable<Measurement> starter(StarterApp.Variant variant) {
		return () -> {
			String id = this.env.id("s" + this.qos, variant.name());
			Sink sink = new Sink(this.count, 0);
			Before before = new Before();
			Class<?> listener = (this.qos == 0) ? StarterApp.Qos0Listener.class : StarterApp.Qos1Listener.class;
			try (ConfigurableApplicationContext context = StarterApp.run(variant, this.env.broker.uri(), id, sink,
					Map.of("bench.topic", topic(id)), listener)) {
				this.env.awaitSubscribed(id);
				this.env.warmUp(topic(id), this.qos, this.count, sink);
				return deliver(topic(id), sink, before);
			}
		};
	}

	Callable<Measurement> rawPaho() {
		return () -> {
			String id = this.env.id("s" + this.qos, "paho");
			Sink sink = new Sink(this.count, 0);
			Before before = new Before();
			try (RawPaho paho = new RawPaho(this.env.broker.uri(), id)) {
				paho.onMessage((topic, message) -> sink.accept()).connect(RawPaho.options());
				paho.subscribe(topic(id), this.qos);
				this.env.awaitSubscribed(id);
				this.env.warmUp(topic(id), this.qos, this.count, sink);
				return deliver(topic(id), sink, before);
			}
		};
	}

	Callable<Measurement> springIntegration() {
		return () -> {
			String id = this.env.id("s" + this.qos, "si");
			Sink sink = new Sink(this.count, 0);
			Before before = new Before();
			Mqttv5PahoMessageDrivenChannelAdapter adapter = new Mqttv5PahoMessageDrivenChannelAdapter(
					this.env.broker.uri(), id, topic(id));
			adapter.setQos(this.qos);
			DirectChannel channel = new DirectChannel();
			channel.subscribe((message) -> sink.accept());
			adapter.setOutputChannel(channel);
			var integration = IntegrationContext.start();
			adapter.setBeanFactory(integration.getBeanFactory());
			adapter.afterPropertiesSet();
			adapter.start();
			try (integration) {
				this.env.awaitSubscribed(id);
				this.env.warmUp(topic(id), this.qos, this.count, sink);
				return deliver(topic(id), sink, before);
			}
			finally {
				adapter.stop();
				adapter.destroy();
			}
		};
	}

	/** {@code mosquitto_sub -C N}: the broker's limit on this machine, with no JVM client. */
	Callable<Measurement> cClients() {
		return () -> {
			String id = this.env.id("s" + this.qos, "c");
			Sink sink = new Sink(this.count, 0);
			Process sub = this.env.subscribeLines(id, topic(id), this.qos, this.count, sink);
			try {
				this.env.awaitSubscribed(id);
				Measurement measurement = deliver(topic(id), sink, null);
				sub.waitFor(10, TimeUnit.SECONDS);
				return measurement;
			}
			finally {
				sub.destroyForcibly();
			}
		};
	}

	private static String topic(String id) {
		return "bench/" + id;
	}

	private Measurement deliver(String topic, Sink sink, Before before) throws Exception {
		Probes.settle();
		var allocated = Probes.allocated();
		long start = System.nanoTime();
		Process publisher = this.env.publishLines(topic, this.qos, this.count);
		boolean all = sink.awaitAll(5_000);
		long end = all ? sink.doneNanos() : System.nanoTime();
		long bytes = Probes.allocatedSince(allocated);
		publisher.waitFor(30, TimeUnit.SECONDS);
		publisher.destroyForcibly();
		double rate = this.count / ((end - start) / 1e9);
		Measurement measurement = Measurement.of(rate, this.count - sink.count());
		if (before != null) {
			List<String> added = Probes.newThreads(before.threads, Probes.threadNames());
			measurement.with("threads", Probes.threadCount() - before.count).with("bytes/msg", (double) bytes / this.count);
			measurement = measurement.note(String.join(", ", added));
		}
		return measurement;
	}

	/** The JVM's threads before a contender was created. */
	private static final class Before {

		final int count = Probes.threadCount();

		final List<String> threads = Probes.threadNames();

	}

}
