package io.github.mqttboot.client;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.mqttboot.actuate.MqttHealthIndicator;
import io.github.mqttboot.metrics.MqttClientMetrics;
import io.github.mqttboot.testsupport.MosquittoBroker;
import io.github.mqttboot.testsupport.MosquittoSub;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two clients with one client id on Mosquitto, which ends the older connection for each new one
 * without a word (no DISCONNECT 0x8E, also with MQTT 5): the loop is slowed by the backoff, found
 * from three connections in a row lost within {@code stable-after}, reported once, and over once
 * the other client leaves. With the default reconnect settings; the acceptance check is a
 * competitor for 30 s and at most 8 connects ({@code -Dmqtt.test.conflict.seconds=30}), this
 * test runs 15 s with the bound scaled down, for the default driver (the others stop at the
 * detection).
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.github.mqttboot.client.DriverPair#pairs")
@ExtendWith(OutputCaptureExtension.class)
class ClientIdConflictMosquittoTests {

	private static final Duration COMPETITOR = Duration.ofSeconds(Integer.getInteger("mqtt.test.conflict.seconds", 15));

	private static final int MAX_CONNECTS = (int) (8 * COMPETITOR.toSeconds() / 30);

	// the competitor takes the id back a second after each takeover: shorter than the default
	// 10 s, which only makes the recovery slower
	private static final Duration STABLE_AFTER = Duration.ofSeconds(3);

	@RegisterExtension
	static final MosquittoBroker broker = MosquittoBroker.create();

	@Parameter
	DriverPair pair;

	private final List<ManagedMqttClient> clients = new CopyOnWriteArrayList<>();

	@AfterEach
	void stopClients() {
		this.clients.forEach(ManagedMqttClient::stop);
	}

	@Test
	void takeoverLoopIsSlowedReportedAndOverWhenTheOtherClientLeaves(CapturedOutput output) {
		ManagedMqttClient client = TestClients.client(this.pair, "conflict", (settings) -> {
			MqttClientSettings defaults = new MqttClientSettings();
			settings.setReconnectInitialDelay(defaults.getReconnectInitialDelay());
			settings.setReconnectMaxDelay(defaults.getReconnectMaxDelay());
			settings.setReconnectStableAfter(STABLE_AFTER);
		}, broker.uri());
		this.clients.add(client);
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		new MqttClientMetrics(client).bindTo(meters);
		Counter connects = meters.get("mqtt.client.connects").tag("outcome", "success").counter();
		MqttHealthIndicator health = new MqttHealthIndicator(client, Duration.ofSeconds(30));
		client.start();
		await().atMost(TestClients.await()).until(client::isConnected);
		Duration competitorTime = this.pair.isDefault() ? COMPETITOR : Duration.ZERO;
		long started = System.nanoTime();
		double connectsDuring;
		Duration detection;
		try (MosquittoSub competitor = MosquittoSub.start(broker.port(), client.getClientId())) {
			await().atMost(Duration.ofSeconds(15)).until(client::isClientIdConflict);
			detection = since(started);
			Health down = health.health();
			assertThat(down.getStatus()).isEqualTo(Status.DOWN);
			assertThat(down.getDetails().get("lastError")).asString()
				.startsWith("Probable client id conflict")
				.contains("'" + client.getClientId() + "'")
				.contains("give each instance its own mqtt.client-id");
			Duration rest = competitorTime.minus(since(started));
			if (rest.compareTo(Duration.ZERO) > 0) {
				// DOWN all along, connected or not
				await().during(rest)
					.atMost(rest.plusSeconds(5))
					.until(() -> client.isClientIdConflict() && health.health().getStatus() == Status.DOWN);
			}
			assertThat(competitor.isAlive()).isTrue();
			connectsDuring = connects.count() - 1;
		}
		long left = System.nanoTime();
		await().atMost(Duration.ofSeconds(45))
			.until(() -> client.isConnected() && health.health().getStatus() == Status.UP);
		Duration recovery = since(left);
		System.out.printf("CONFLICT %s: competitor %d s, connects during it %.0f (bound %d), detected after %d ms, "
				+ "connected and UP %d ms after it left%n", this.pair, competitorTime.toSeconds(), connectsDuring,
				MAX_CONNECTS, detection.toMillis(), recovery.toMillis());
		if (this.pair.isDefault()) {
			assertThat(connectsDuring).isLessThanOrEqualTo(MAX_CONNECTS);
		}
		assertThat(client.isClientIdConflict()).isFalse();
		assertThat(health.health().getDetails()).doesNotContainKey("lastError");
		assertThat(meters.get("mqtt.client.conflicts").counter().count()).isOne();
		assertThat(output.getOut().lines().filter((line) -> line.contains("Probable client id conflict")))
			.singleElement()
			.asString()
			.contains("WARN")
			.contains("'" + client.getClientId() + "'")
			.contains("mqtt.client-id");
		assertThat(output).contains("the client id conflict is over");
	}

	private static Duration since(long nanos) {
		return Duration.ofNanos(System.nanoTime() - nanos);
	}

}
