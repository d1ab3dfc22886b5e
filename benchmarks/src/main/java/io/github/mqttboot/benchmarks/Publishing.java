package io.github.mqttboot.benchmarks;

import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.github.mqttboot.core.MqttTemplate;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.integration.mqtt.outbound.Mqttv5PahoMessageHandler;
import org.springframework.integration.mqtt.support.MqttHeaders;
import org.springframework.messaging.support.MessageBuilder;

/**
 * S2: a fixed count of QoS 1 publishes, pipelined: the caller keeps at most {@code window}
 * unacknowledged (the starter's {@code mqtt.max-inflight} is the same window). The rate is the
 * count over the time from the first publish to the last PUBACK, after an unmeasured warm-up
 * ({@link Env#WARM_UP}). A publish that failed or was never acknowledged counts as lost.
 */
final class Publishing {

	private final Env env;

	private final int count;

	private final int window;

	private final String uri;

	Publishing(Env env, String uri, int count, int window) {
		this.env = env;
		this.uri = uri;
		this.count = count;
		this.window = window;
	}

	/** How many messages a run publishes, its warm-up included. */
	int messages() {
		return this.count + Env.warmUp(this.count);
	}

	Callable<Measurement> starter(StarterApp.Variant variant) {
		return () -> {
			String id = this.env.id("s2", variant.name());
			try (ConfigurableApplicationContext context = StarterApp.run(variant, this.uri, id,
					new Sink(0, 0), Map.of("mqtt.max-inflight", String.valueOf(this.window)))) {
				MqttTemplate template = StarterApp.template(context);
				String topic = "bench/" + id;
				byte[] payload = Env.payload();
				return pipelined((done) -> template.publish(topic, payload, 1, false)
					.whenComplete((result, failure) -> done.accept(failure == null)));
			}
		};
	}

	Callable<Measurement> rawPaho() {
		return rawPaho(false);
	}

	/**
	 * Raw Paho as a user writes it, with Nagle's algorithm on (Paho's default) or off.
	 * @param noDelay whether to switch Nagle's algorithm off
	 * @return the contender
	 */
	Callable<Measurement> rawPaho(boolean noDelay) {
		return () -> {
			String id = this.env.id("s2", "paho");
			MqttConnectionOptions options = RawPaho.options();
			if (noDelay) {
				options.setSocketFactory(new NoDelaySocketFactory());
			}
			try (RawPaho paho = new RawPaho(this.uri, id).connect(options)) {
				String topic = "bench/" + id;
				byte[] payload = Env.payload();
				return pipelined((done) -> paho.publish(topic, payload, 1, done));
			}
		};
	}

	/**
	 * Spring Integration's outbound handler with its defaults: it waits for each PUBACK. Its
	 * default QoS is 0, so each message asks for QoS 1 in the {@code mqtt_qos} header.
	 */
	Callable<Measurement> springIntegration() {
		return () -> {
			String id = this.env.id("s2", "si");
			AtomicReference<String> failure = new AtomicReference<>();
			Mqttv5PahoMessageHandler handler = new Mqttv5PahoMessageHandler(this.uri, id);
			var integration = IntegrationContext.start();
			handler.setBeanFactory(integration.getBeanFactory());
			handler.afterPropertiesSet();
			handler.start();
			try (integration) {
				String topic = "bench/" + id;
				byte[] payload = Env.payload();
				Measurement measurement = pipelined((done) -> {
					try {
						handler.handleMessage(MessageBuilder.withPayload(payload)
							.setHeader(MqttHeaders.TOPIC, topic)
							.setHeader(MqttHeaders.QOS, 1)
							.build());
						done.accept(true);
					}
					catch (RuntimeException ex) {
						failure.compareAndSet(null, ex.toString());
						done.accept(false);
					}
				});
				return (failure.get() != null) ? measurement.note("first failure: " + failure.get()) : measurement;
			}
			finally {
				handler.stop();
				handler.destroy();
			}
		};
	}

	/** The run's warm-up, unmeasured, then its measured count. */
	private Measurement pipelined(java.util.function.Consumer<java.util.function.Consumer<Boolean>> publish)
			throws InterruptedException {
		pipelined(publish, Env.warmUp(this.count), false);
		return pipelined(publish, this.count, true);
	}

	private Measurement pipelined(java.util.function.Consumer<java.util.function.Consumer<Boolean>> publish,
			int count, boolean measured) throws InterruptedException {
		Semaphore permits = new Semaphore(this.window);
		AtomicLong acked = new AtomicLong();
		if (measured) {
			Probes.settle();
		}
		long start = System.nanoTime();
		for (int i = 0; i < count; i++) {
			permits.acquire();
			publish.accept((success) -> {
				if (success) {
					acked.incrementAndGet();
				}
				permits.release();
			});
		}
		boolean drained = permits.tryAcquire(this.window, 30, TimeUnit.SECONDS);
		long end = System.nanoTime();
		Measurement measurement = Measurement.of(count / ((end - start) / 1e9), count - acked.get());
		return drained ? measurement : measurement.note("not every publish completed within 30 s");
	}

}
