package io.github.mqttboot.benchmarks;

import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.github.mqttboot.client.MqttClientEvents;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * S6: a listener that works 10 ms per QoS 1 message (at most 100 msg/s) while a publisher sends
 * 200 msg/s for the whole run; the keep-alive is {@link #KEEP_ALIVE_SECONDS} s for both, so a
 * client that stops reading its socket (and with it PINGRESP) is disconnected several times in a
 * run. The figure is the number of lost connections.
 */
final class SlowListener {

	static final int KEEP_ALIVE_SECONDS = 5;

	static final int WORK_MILLIS = 10;

	static final int PUBLISH_PER_SECOND = 200;

	private final Env env;

	private final int seconds;

	SlowListener(Env env, int seconds) {
		this.env = env;
		this.seconds = seconds;
	}

	Callable<Measurement> starter(StarterApp.Variant variant) {
		return () -> {
			String id = this.env.id("s6", variant.name());
			Sink sink = new Sink(Long.MAX_VALUE, WORK_MILLIS);
			AtomicInteger lost = new AtomicInteger();
			try (ConfigurableApplicationContext context = StarterApp.run(variant, this.env.broker.uri(), id, sink,
					Map.of("bench.topic", "bench/" + id, "mqtt.keep-alive", KEEP_ALIVE_SECONDS + "s"),
					StarterApp.Qos1Listener.class)) {
				StarterApp.client(context).addEventListener(new MqttClientEvents() {

					@Override
					public void connectionLost() {
						lost.incrementAndGet();
					}

				});
				this.env.awaitSubscribed(id);
				return flood("bench/" + id, sink, lost::get);
			}
		};
	}

	Callable<Measurement> rawPaho() {
		return () -> {
			String id = this.env.id("s6", "paho");
			Sink sink = new Sink(Long.MAX_VALUE, WORK_MILLIS);
			try (RawPaho paho = new RawPaho(this.env.broker.uri(), id)) {
				MqttConnectionOptions options = RawPaho.options();
				options.setKeepAliveInterval(KEEP_ALIVE_SECONDS);
				options.setAutomaticReconnect(true);
				paho.onMessage((topic, message) -> sink.accept()).connect(options);
				paho.subscribe("bench/" + id, 1);
				this.env.awaitSubscribed(id);
				return flood("bench/" + id, sink, paho.disconnects::get);
			}
		};
	}

	private Measurement flood(String topic, Sink sink, java.util.function.IntSupplier disconnects) throws Exception {
		AtomicLong published = new AtomicLong();
		ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
		try (RawPaho publisher = new RawPaho(this.env.broker.uri(), this.env.id("s6", "publisher"))) {
			publisher.connect(RawPaho.options());
			byte[] payload = Env.payload();
			scheduler.scheduleAtFixedRate(() -> {
				try {
					publisher.client().publish(topic, payload, 1, false);
					published.incrementAndGet();
				}
				catch (Exception ex) {
					// counted as not published
				}
			}, 0, 1_000_000 / PUBLISH_PER_SECOND, TimeUnit.MICROSECONDS);
			scheduler.awaitTermination(this.seconds, TimeUnit.SECONDS);
		}
		finally {
			scheduler.shutdownNow();
		}
		return Measurement.of(disconnects.getAsInt(), 0)
			.with("handled", sink.count())
			.with("published", published.get());
	}

}
