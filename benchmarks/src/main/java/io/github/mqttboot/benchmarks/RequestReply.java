package io.github.mqttboot.benchmarks;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.github.mqttboot.core.MqttTemplate;
import org.HdrHistogram.Histogram;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * S4: MQTT 5 request/response round trips at QoS 1, one at a time, through one client that is
 * both requester and responder. The first {@link #UNRECORDED} of each run (the reply
 * subscription, connection and JIT warm-up; half the count if that is smaller) are not
 * recorded; the rest go into an HdrHistogram. The figure is p50 in microseconds, p99 is an
 * extra.
 */
final class RequestReply {

	static final int UNRECORDED = 2_000;

	/** Raw Paho with Nagle's algorithm on waits for a delayed ACK on every round trip: a few suffice. */
	private static final int NAGLE_ROUND_TRIPS = 200;

	private final Env env;

	private final int count;

	RequestReply(Env env, int count) {
		this.env = env;
		this.count = count;
	}

	/** How many round trips a starter run makes, the unrecorded ones included. */
	int roundTrips() {
		return this.count + Math.min(UNRECORDED, this.count / 2);
	}

	Callable<Measurement> starter(StarterApp.Variant variant) {
		return () -> {
			String id = this.env.id("s4", variant.name());
			try (ConfigurableApplicationContext context = StarterApp.run(variant, this.env.broker.uri(), id,
					new Sink(0, 0), Map.of("bench.topic", "bench/" + id), StarterApp.EchoListener.class)) {
				this.env.awaitSubscribed(id);
				MqttTemplate template = StarterApp.template(context);
				byte[] payload = Env.payload();
				return roundTrips(this.count, () -> template.request("bench/" + id, payload, Duration.ofSeconds(5))
					.get(5, TimeUnit.SECONDS));
			}
		};
	}

	/**
	 * Raw Paho as a user would write it.
	 * @param noDelay whether to switch Nagle's algorithm off through a socket factory, as the
	 * starter does
	 */
	Callable<Measurement> rawPaho(boolean noDelay) {
		return () -> {
			String id = this.env.id("s4", "paho");
			String requests = "bench/" + id;
			String replies = "bench/" + id + "/replies";
			Map<Long, CompletableFuture<byte[]>> pending = new ConcurrentHashMap<>();
			try (RawPaho paho = new RawPaho(this.env.broker.uri(), id)) {
				paho.onMessage((topic, message) -> {
					MqttProperties properties = message.getProperties();
					if (topic.equals(requests)) {
						MqttMessage reply = new MqttMessage(message.getPayload());
						reply.setQos(1);
						MqttProperties replyProperties = new MqttProperties();
						replyProperties.setCorrelationData(properties.getCorrelationData());
						reply.setProperties(replyProperties);
						try {
							paho.client().publish(properties.getResponseTopic(), reply);
						}
						catch (Exception ex) {
							throw new IllegalStateException(ex);
						}
					}
					else {
						CompletableFuture<byte[]> future = pending
							.remove(ByteBuffer.wrap(properties.getCorrelationData()).getLong());
						if (future != null) {
							future.complete(message.getPayload());
						}
					}
				});
				MqttConnectionOptions options = RawPaho.options();
				if (noDelay) {
					options.setSocketFactory(new NoDelaySocketFactory());
				}
				paho.connect(options);
				paho.subscribe(requests, 1);
				paho.subscribe(replies, 1);
				byte[] payload = Env.payload();
				long[] sequence = { 0 };
				int recorded = noDelay ? this.count : Math.min(this.count / 10, NAGLE_ROUND_TRIPS);
				return roundTrips(recorded, () -> {
					long correlation = ++sequence[0];
					CompletableFuture<byte[]> reply = new CompletableFuture<>();
					pending.put(correlation, reply);
					MqttMessage request = new MqttMessage(payload);
					request.setQos(1);
					MqttProperties properties = new MqttProperties();
					properties.setResponseTopic(replies);
					properties.setCorrelationData(ByteBuffer.allocate(8).putLong(correlation).array());
					request.setProperties(properties);
					paho.client().publish(requests, request);
					return reply.get(5, TimeUnit.SECONDS);
				});
			}
		};
	}

	private Measurement roundTrips(int recorded, Callable<byte[]> roundTrip) throws InterruptedException {
		Histogram histogram = new Histogram(TimeUnit.SECONDS.toMicros(10), 3);
		long failed = 0;
		int unrecorded = Math.min(UNRECORDED, recorded / 2);
		for (int i = 0; i < recorded + unrecorded; i++) {
			if (i == unrecorded) {
				Probes.settle();
			}
			long start = System.nanoTime();
			try {
				byte[] reply = roundTrip.call();
				if (reply == null || reply.length != Env.PAYLOAD_SIZE) {
					failed++;
					continue;
				}
			}
			catch (Exception ex) {
				failed++;
				continue;
			}
			if (i >= unrecorded) {
				histogram.recordValue(Math.max(1, (System.nanoTime() - start) / 1000));
			}
		}
		return Measurement.of(histogram.getValueAtPercentile(50), failed)
			.with("p99 µs", histogram.getValueAtPercentile(99))
			.with("max µs", histogram.getMaxValue());
	}

}
