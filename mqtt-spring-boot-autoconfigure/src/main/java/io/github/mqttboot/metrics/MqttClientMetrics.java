package io.github.mqttboot.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.mqttboot.client.ManagedMqttClient;
import io.github.mqttboot.client.MqttClientEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The meters of one {@link ManagedMqttClient}, tagged {@code client=<name>}. Gauges read the
 * client's live state; counters and timers are built once at binding and fed by the client's
 * events, so that nothing is looked up per message. The {@code mqtt.publish} timer is recorded
 * here unless observations record it (one timing per message).
 *
 * @author mqtt-spring-boot-starter
 */
public class MqttClientMetrics implements MeterBinder {

	private static final String[] OUTCOMES = { "success", "failure" };

	private final ManagedMqttClient client;

	private final boolean timePublishes;

	/**
	 * Creates the meters of a client, the {@code mqtt.publish} timer among them.
	 * @param client the client
	 */
	public MqttClientMetrics(ManagedMqttClient client) {
		this(client, true);
	}

	/**
	 * Creates the meters of a client.
	 * @param client the client
	 * @param timePublishes whether to record the {@code mqtt.publish} timer: {@code false} when
	 * the observations of publishes record it
	 */
	public MqttClientMetrics(ManagedMqttClient client, boolean timePublishes) {
		this.client = client;
		this.timePublishes = timePublishes;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Tags tags = Tags.of(Tag.of("client", this.client.getName()));
		ManagedMqttClient mqtt = this.client;
		Gauge.builder("mqtt.client.threads", mqtt, (c) -> c.getThreadCount())
			.tags(tags)
			.description("Live threads that the client created and still owns")
			.register(registry);
		Gauge.builder("mqtt.client.workers.pending", mqtt, (c) -> c.getPendingWorkCount())
			.tags(tags)
			.description("Work handed to the client's workers and not finished")
			.register(registry);
		Gauge.builder("mqtt.client.connected", mqtt, (c) -> c.isConnected() ? 1 : 0)
			.tags(tags)
			.description("1 when connected, else 0")
			.register(registry);
		Gauge.builder("mqtt.client.inflight", mqtt, ManagedMqttClient::getInflight)
			.tags(tags)
			.description("Publishes awaiting their acknowledgement")
			.register(registry);
		Gauge.builder("mqtt.client.buffered", mqtt, ManagedMqttClient::getBuffered)
			.tags(tags)
			.description("Publishes held while disconnected")
			.register(registry);
		mqtt.addEventListener(new Recorder(registry, tags, this.timePublishes));
	}

	/** Feeds counters and timers that were built once. */
	private static final class Recorder implements MqttClientEvents {

		private final Counter connectSuccess;

		private final Counter connectFailure;

		private final Counter connectionLost;

		private final Counter conflicts;

		private final Counter dropped;

		private final List<Counter> published = new ArrayList<>();

		/** By QoS and outcome, as the counters; empty when observations time publishes. */
		private final List<Timer> publishTimers = new ArrayList<>();

		Recorder(MeterRegistry registry, Tags tags, boolean timePublishes) {
			this.connectSuccess = connects(registry, tags, "success");
			this.connectFailure = connects(registry, tags, "failure");
			this.connectionLost = Counter.builder("mqtt.client.connection.lost")
				.tags(tags)
				.description("Connections lost after being established")
				.register(registry);
			this.conflicts = Counter.builder("mqtt.client.conflicts")
				.tags(tags)
				.description("Probable client id conflicts: takeover loops, MQTT 5 reason code 0x8E")
				.register(registry);
			this.dropped = Counter.builder("mqtt.client.messages.dropped")
				.tags(tags)
				.description("QoS 0 messages the driver dropped while the client's handlers lagged")
				.register(registry);
			for (int qos = 0; qos <= 2; qos++) {
				for (String outcome : OUTCOMES) {
					this.published.add(Counter.builder("mqtt.messages.published")
						.tags(tags)
						.tag("qos", String.valueOf(qos))
						.tag("outcome", outcome)
						.description("Messages published")
						.register(registry));
					if (timePublishes) {
						this.publishTimers.add(Timer.builder("mqtt.publish")
							.tags(tags)
							.tag("qos", String.valueOf(qos))
							.tag("outcome", outcome)
							.description("Time from publish to acknowledgement")
							.register(registry));
					}
				}
			}
		}

		private static Counter connects(MeterRegistry registry, Tags tags, String outcome) {
			return Counter.builder("mqtt.client.connects")
				.tags(tags)
				.tag("outcome", outcome)
				.description("Connection attempts")
				.register(registry);
		}

		@Override
		public void connectAttempt(boolean success) {
			(success ? this.connectSuccess : this.connectFailure).increment();
		}

		@Override
		public void connectionLost() {
			this.connectionLost.increment();
		}

		@Override
		public void conflict(String clientId, String description) {
			this.conflicts.increment();
		}

		@Override
		public void messageDropped(String topic) {
			this.dropped.increment();
		}

		@Override
		public void published(int qos, boolean success, long nanos) {
			int meter = qos * 2 + (success ? 0 : 1);
			this.published.get(meter).increment();
			if (!this.publishTimers.isEmpty()) {
				this.publishTimers.get(meter).record(nanos, TimeUnit.NANOSECONDS);
			}
		}

	}

}
