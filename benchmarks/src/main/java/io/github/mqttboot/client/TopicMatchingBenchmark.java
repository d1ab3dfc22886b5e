package io.github.mqttboot.client;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Routing one inbound message among 1, 100 or 1,000 listeners' subscriptions
 * ({@code bench/<i>/+}), by MQTT 5 subscription identifier (what Mosquitto sends once filters
 * overlap) and by topic (filters that do not overlap, and brokers that send no identifiers): a
 * walk down the filters' levels. Each operation builds the
 * {@link InboundMessage} too, as the driver does for every message. In the client's package
 * because the registry is internal.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class TopicMatchingBenchmark {

	@Param({ "1", "100", "1000" })
	int listeners;

	@Param({ "subscription-id", "topic" })
	String routing;

	private SubscriptionRegistry registry;

	private String topic;

	private List<Integer> ids;

	private final byte[] payload = new byte[32];

	private Blackhole blackhole;

	@Setup
	public void setUp(Blackhole blackhole) {
		this.blackhole = blackhole;
		this.registry = new SubscriptionRegistry("bench", new PendingWork(), new MqttClientEvents() {
		});
		for (int i = 0; i < this.listeners; i++) {
			this.registry.add(new Subscription("bench/" + i + "/+", 1, SubscriptionOptions.DEFAULTS,
					(message) -> this.blackhole.consume(message)));
		}
		String filter = "bench/" + (this.listeners / 2) + "/+";
		this.topic = "bench/" + (this.listeners / 2) + "/temperature";
		// the registry derives the identifier from the filter, as below (no collision among these)
		this.ids = this.routing.equals("topic") ? List.of() : List.of(Math.floorMod(filter.hashCode(), 268_435_455) + 1);
	}

	@Benchmark
	public void dispatch() {
		this.registry.dispatch(new InboundMessage(this.topic, this.payload, 1, false, false, 1,
				MqttMessageProperties.NONE, () -> {
				}, this.ids));
	}

}
