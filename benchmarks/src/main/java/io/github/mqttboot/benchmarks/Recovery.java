package io.github.mqttboot.benchmarks;

import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

import io.github.mqttboot.client.ClientState;

import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * S5: with a listener connected, the broker is killed (-9) and restarted on the same port; the
 * figure is the time from the broker listening again to the listener's first delivery. A probe
 * client publishes QoS 0 every 2 ms from the moment the broker is back. Both contenders wait
 * {@link #DELAY_SECONDS} before their first reconnect attempt (the starter without jitter, so
 * that the goal "delay + 200 ms" is exact).
 */
final class Recovery {

	static final int DELAY_SECONDS = 1;

	private final Env env;

	Recovery(Env env) {
		this.env = env;
	}

	Callable<Measurement> starter(StarterApp.Variant variant) {
		return () -> {
			String id = this.env.id("s5", variant.name());
			Sink sink = new Sink(1, 0);
			try (ConfigurableApplicationContext context = StarterApp.run(variant, this.env.broker.uri(), id, sink,
					Map.of("bench.topic", "bench/s5", "mqtt.reconnect.initial-delay", DELAY_SECONDS + "s",
							"mqtt.reconnect.jitter", "0"),
					StarterApp.Qos1Listener.class)) {
				AtomicLong connected = new AtomicLong();
				StarterApp.client(context).addStateListener((previous, current) -> {
					if (current == ClientState.CONNECTED) {
						connected.set(System.nanoTime());
					}
				});
				this.env.awaitSubscribed(id);
				return restartAndProbe(sink, connected);
			}
		};
	}

	/** Paho's own automatic reconnect, resubscribing in {@code connectComplete} as its docs suggest. */
	Callable<Measurement> rawPaho() {
		return () -> {
			String id = this.env.id("s5", "paho");
			Sink sink = new Sink(1, 0);
			try (RawPaho paho = new RawPaho(this.env.broker.uri(), id)) {
				MqttConnectionOptions options = RawPaho.options();
				options.setAutomaticReconnect(true);
				options.setAutomaticReconnectDelay(DELAY_SECONDS, 30);
				AtomicLong connected = new AtomicLong();
				paho.onMessage((topic, message) -> sink.accept()).onReconnect(() -> {
					connected.set(System.nanoTime());
					try {
						paho.client().subscribe("bench/s5", 1);
					}
					catch (Exception ex) {
						throw new IllegalStateException(ex);
					}
				}).connect(options);
				paho.subscribe("bench/s5", 1);
				this.env.awaitSubscribed(id);
				return restartAndProbe(sink, connected);
			}
		};
	}

	/** The figure, and when the contender was connected again (from its own callback). */
	private Measurement restartAndProbe(Sink sink, AtomicLong connected) throws Exception {
		long killed = System.nanoTime();
		this.env.broker.kill();
		this.env.broker.start();
		long back = System.nanoTime();
		long deadline = back + 15_000_000_000L;
		RawPaho probe = null;
		try {
			while (probe == null && System.nanoTime() < deadline) {
				try {
					probe = new RawPaho(this.env.broker.uri(), this.env.id("s5", "probe")).connect(RawPaho.options());
				}
				catch (Exception ex) {
					probe = null;
				}
			}
			while (sink.count() == 0 && System.nanoTime() < deadline && probe != null) {
				probe.client().publish("bench/s5", Env.payload(), 0, false);
				sink.awaitFirst(2);
			}
		}
		finally {
			if (probe != null) {
				probe.close();
			}
		}
		if (sink.count() == 0) {
			return Measurement.of(Double.NaN, 1).note("no delivery within 15 s of the restart");
		}
		return Measurement.of((sink.firstNanos() - back) / 1e6, 0)
			.with("broker down ms", (back - killed) / 1e6)
			.with("connected after ms", (connected.get() - back) / 1e6);
	}

}
