package io.github.mqttboot.actuate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.github.mqttboot.client.ClientState;
import io.github.mqttboot.client.DriverPair;
import io.github.mqttboot.client.FreePorts;
import io.github.mqttboot.client.ManagedMqttClient;
import io.github.mqttboot.client.MqttClientSettings;
import io.github.mqttboot.client.TestClients;
import io.github.mqttboot.testsupport.TestBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * Health of real clients in each state; a clock moved forward stands in for waiting out the
 * grace period. For every driver and protocol.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.github.mqttboot.client.DriverPair#pairs")
class MqttHealthIndicatorTests {

	@Parameter
	DriverPair pair;

	private static final Duration GRACE = Duration.ofSeconds(30);

	@RegisterExtension
	static final TestBroker broker = TestBroker.create();

	private final List<ManagedMqttClient> clients = new ArrayList<>();

	@AfterEach
	void stopClients() {
		this.clients.forEach(ManagedMqttClient::stop);
	}

	private ManagedMqttClient started(String... uris) {
		ManagedMqttClient client = TestClients.client(this.pair, "health", uris);
		this.clients.add(client);
		client.start();
		return client;
	}

	private static Health health(ManagedMqttClient client, Duration ahead) {
		Clock clock = Clock.offset(Clock.systemUTC(), ahead);
		return new MqttHealthIndicator(client, GRACE, List::of, clock).health();
	}

	@Test
	void upWithDetailsWhileConnected() {
		ManagedMqttClient client = started(broker.uri());
		await().atMost(TestClients.await()).until(client::isConnected);
		Health health = health(client, Duration.ZERO);
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("state", "CONNECTED")
			.containsEntry("serverUri", broker.uri())
			.containsEntry("clientId", client.getClientId())
			.containsEntry("reconnectAttempts", 0)
			.containsEntry("subscriptions", 0)
			.containsEntry("strandedThreads", 0)
			.containsKeys("since", "threads", "pendingWorkers")
			.doesNotContainKey("lastError");
		assertThat((int) health.getDetails().get("threads")).isPositive();
	}

	@Test
	void upWhileConnectingWithinGracePeriod() {
		ManagedMqttClient client = started("tcp://127.0.0.1:" + FreePorts.closedPort());
		await().atMost(TestClients.await()).until(() -> client.getReconnectAttempts() > 0);
		Health health = health(client, GRACE.minusSeconds(1));
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("state", "CONNECTING").containsKey("lastError");
	}

	@Test
	void downWhenConnectingLongerThanGracePeriod() {
		ManagedMqttClient client = started("tcp://127.0.0.1:" + FreePorts.closedPort());
		Health health = health(client, GRACE.plusSeconds(1));
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("state", "CONNECTING");
	}

	@Test
	void upWhileReconnectingWithinGracePeriod() {
		ManagedMqttClient client = started(broker.uri());
		await().atMost(TestClients.await()).until(client::isConnected);
		broker.kill();
		await().atMost(TestClients.await()).until(() -> client.getState() == ClientState.RECONNECTING);
		assertThat(health(client, GRACE.minusSeconds(1)).getStatus()).isEqualTo(Status.UP);
	}

	@Test
	void downWhenReconnectingLongerThanGracePeriod() {
		ManagedMqttClient client = started(broker.uri());
		await().atMost(TestClients.await()).until(client::isConnected);
		broker.kill();
		await().atMost(TestClients.await()).until(() -> client.getState() == ClientState.RECONNECTING);
		Health health = health(client, GRACE.plusSeconds(1));
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("state", "RECONNECTING").containsKey("lastError");
	}

	@Test
	void outOfServiceWhenStopped() {
		ManagedMqttClient client = TestClients.client(this.pair, "health", broker.uri());
		Health health = health(client, Duration.ZERO);
		assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
		assertThat(health.getDetails()).containsEntry("state", "STOPPED").containsEntry("threads", 0);
	}

	@Test
	void gracePeriodOfZeroIsDownAsSoonAsDisconnected() {
		ManagedMqttClient client = started("tcp://127.0.0.1:" + FreePorts.closedPort());
		Health health = new MqttHealthIndicator(client, Duration.ZERO, List::of,
				Clock.offset(Clock.systemUTC(), Duration.ofMillis(1)))
			.health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
	}

	@Test
	void detailsCarryNoCredentials() {
		MqttClientSettings settings = TestClients.settings("tcp://bob:s3cr3t-pass@127.0.0.1:1883");
		settings.setUsername("bob");
		settings.setPassword("s3cr3t-pass");
		ManagedMqttClient client = mock(ManagedMqttClient.class);
		given(client.getSettings()).willReturn(settings);
		given(client.getClientId()).willReturn(settings.getClientId());
		given(client.getState()).willReturn(ClientState.RECONNECTING);
		given(client.getStateSince()).willReturn(Instant.now());
		given(client.getLastError()).willReturn(new IllegalStateException(
				"Not authorized at tcp://bob:s3cr3t-pass@127.0.0.1:1883 (password 's3cr3t-pass' refused)"));
		Health health = health(client, Duration.ZERO);
		assertThat(health.getDetails().toString()).doesNotContain("s3cr3t");
		assertThat(health.getDetails()).containsEntry("serverUri", "tcp://******@127.0.0.1:1883")
			.containsEntry("lastError", "Not authorized at tcp://******@127.0.0.1:1883 (password '******' refused)");
	}

}
