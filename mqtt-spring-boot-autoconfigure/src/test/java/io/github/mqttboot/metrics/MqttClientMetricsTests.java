package io.github.mqttboot.metrics;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.mqttboot.client.DriverPair;
import io.github.mqttboot.client.FreePorts;
import io.github.mqttboot.client.InboundHandOff;
import io.github.mqttboot.client.ManagedMqttClient;
import io.github.mqttboot.client.TestClients;
import io.github.mqttboot.test.MqttBrokerExtension;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The client meters against Mosquitto, for every driver and protocol.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.github.mqttboot.client.DriverPair#pairs")
class MqttClientMetricsTests {

	@Parameter
	DriverPair pair;

	@RegisterExtension
	static final MqttBrokerExtension broker = new MqttBrokerExtension();

	private final MeterRegistry registry = new SimpleMeterRegistry();

	private ManagedMqttClient client;

	@AfterEach
	void stop() {
		if (this.client != null) {
			this.client.stop();
		}
	}

	private ManagedMqttClient bound(ManagedMqttClient client) {
		this.client = client;
		new MqttClientMetrics(client).bindTo(this.registry);
		return client;
	}

	private double gauge(String name) {
		return this.registry.get(name).tag("client", this.client.getName()).gauge().value();
	}

	@Test
	void threadsGaugeReadsLiveOwnedThreads() throws Exception {
		bound(TestClients.client(this.pair, "gauges", broker.getServerUri()));
		double before = gauge("mqtt.client.threads");
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch running = new CountDownLatch(1);
		InboundHandOff<String> work = this.client.createInboundHandOff("test", 1, 1, (item) -> {
			running.countDown();
			awaitQuietly(release);
		});
		work.put("key", "item");
		work.start();
		running.await(5, TimeUnit.SECONDS);
		assertThat(gauge("mqtt.client.threads")).isEqualTo(before + 1);
		release.countDown();
		work.finish(System.nanoTime() + TimeUnit.SECONDS.toNanos(5));
		assertThat(gauge("mqtt.client.threads")).isEqualTo(before);
	}

	@Test
	void pendingWorkersGaugeShowsABlockedWorker() throws Exception {
		bound(TestClients.client(this.pair, "pending", broker.getServerUri())).start();
		await().atMost(TestClients.await()).until(this.client::isConnected);
		CountDownLatch release = new CountDownLatch(1);
		this.client.subscribe("blocked/#", 1, (message) -> awaitQuietly(release)).get(5, TimeUnit.SECONDS);
		assertThat(gauge("mqtt.client.workers.pending")).isZero();
		this.client.publish("blocked/1", "x".getBytes(StandardCharsets.UTF_8), 1, false);
		await().atMost(TestClients.await()).until(() -> gauge("mqtt.client.workers.pending") == 1);
		release.countDown();
		await().atMost(TestClients.await()).until(() -> gauge("mqtt.client.workers.pending") == 0);
	}

	@Test
	void countsConnectsPublishesAndTimesThem() throws Exception {
		bound(TestClients.client(this.pair, "counts", broker.getServerUri())).start();
		await().atMost(TestClients.await()).until(this.client::isConnected);
		assertThat(gauge("mqtt.client.connected")).isEqualTo(1);
		this.client.publish("counted", new byte[] { 1 }, 1, false).get(5, TimeUnit.SECONDS);
		assertThat(this.registry.get("mqtt.client.connects").tag("outcome", "success").counter().count()).isOne();
		assertThat(this.registry.get("mqtt.messages.published").tags("qos", "1", "outcome", "success").counter().count())
			.isOne();
		assertThat(this.registry.get("mqtt.publish").tag("qos", "1").tag("outcome", "success").timer().count()).isOne();
		assertThat(gauge("mqtt.client.inflight")).isZero();
		assertThat(gauge("mqtt.client.buffered")).isZero();
	}

	@Test
	void countsFailedConnectsAndBufferedPublishes() {
		bound(TestClients.client(this.pair, "failing", "tcp://127.0.0.1:" + FreePorts.closedPort())).start();
		await().atMost(TestClients.await())
			.until(() -> this.registry.get("mqtt.client.connects").tag("outcome", "failure").counter().count() >= 2);
		assertThat(gauge("mqtt.client.connected")).isZero();
		this.client.publish("waiting", new byte[] { 1 }, 1, false);
		assertThat(gauge("mqtt.client.buffered")).isOne();
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
