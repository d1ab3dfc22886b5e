package io.github.mqttboot.client;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.mqttboot.client.driver.ConnectionInfo;
import io.github.mqttboot.client.driver.MqttDriver;
import io.github.mqttboot.client.driver.hivemq.HiveMqDriver;
import io.github.mqttboot.client.driver.paho.PahoV5Driver;
import io.github.mqttboot.testsupport.FaultProxy;
import io.github.mqttboot.testsupport.TestBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the application's callbacks throw changes nothing the client does: event and state
 * listeners that throw from every call, a message handler, a credentials provider or a driver
 * customizer that throws an {@link Error}.
 */
@ExtendWith(OutputCaptureExtension.class)
class ClientCallbacksContainmentTests {

	@RegisterExtension
	static final TestBroker broker = TestBroker.create();

	private ManagedMqttClient client;

	@AfterEach
	void stop() {
		if (this.client != null) {
			this.client.stop();
		}
	}

	@Test
	void listenersThatThrowChangeNothingTheClientDoes() throws Exception {
		try (FaultProxy proxy = FaultProxy.to(broker.port())) {
			this.client = TestClients.client("throwing-events", proxy.uri());
			this.client.addEventListener(new Throwing());
			this.client.addStateListener((previous, current) -> {
				throw new AssertionError("stateChanged");
			});
			Counting counting = new Counting();
			this.client.addEventListener(counting);
			this.client.start();
			await().atMost(TestClients.await()).until(this.client::isConnected);
			CompletableFuture<String> received = new CompletableFuture<>();
			this.client
				.subscribe("events/in", 1, (message) -> received.complete(new String(message.payload(), StandardCharsets.UTF_8)))
				.get(5, TimeUnit.SECONDS);
			this.client.publish("events/in", "first".getBytes(StandardCharsets.UTF_8), 1, false).get(5, TimeUnit.SECONDS);
			assertThat(received.get(5, TimeUnit.SECONDS)).isEqualTo("first");
			proxy.resetEstablished();
			await().atMost(Duration.ofSeconds(10)).until(() -> counting.connected == 2 && this.client.isConnected());
			this.client.publish("events/in", "second".getBytes(StandardCharsets.UTF_8), 1, false)
				.get(5, TimeUnit.SECONDS);
			assertThat(counting.published).isEqualTo(2);
		}
	}

	@Test
	void aMessageHandlerThatThrowsAnErrorKeepsTheConnection() throws Exception {
		this.client = TestClients.client("throwing-handler", broker.uri());
		Counting counting = new Counting();
		this.client.addEventListener(counting);
		this.client.start();
		await().atMost(TestClients.await()).until(this.client::isConnected);
		List<String> received = new CopyOnWriteArrayList<>();
		this.client.subscribe("handler/in", 1, (message) -> {
			String payload = new String(message.payload(), StandardCharsets.UTF_8);
			if (payload.equals("poison")) {
				throw new StackOverflowError();
			}
			received.add(payload);
		}).get(5, TimeUnit.SECONDS);
		this.client.publish("handler/in", "poison".getBytes(StandardCharsets.UTF_8), 1, false).get(5, TimeUnit.SECONDS);
		this.client.publish("handler/in", "next".getBytes(StandardCharsets.UTF_8), 1, false).get(5, TimeUnit.SECONDS);
		await().atMost(Duration.ofSeconds(10)).until(() -> received.contains("next"));
		assertThat(counting.lost).isZero();
		assertThat(received).containsExactly("next");
	}

	@Test
	void aCredentialsProviderThatThrowsAnErrorFailsOnlyThatAttempt(CapturedOutput output) {
		AtomicInteger lookups = new AtomicInteger();
		this.client = TestClients.client("throwing-credentials", (settings) -> settings.setCredentialsProvider(
				(clientName, serverUri) -> {
					if (lookups.incrementAndGet() == 1) {
						throw new NoClassDefFoundError("com/example/Vault");
					}
					return MqttCredentials.NONE;
				}), broker.uri());
		this.client.start();
		await().atMost(TestClients.await()).until(this.client::isConnected);
		assertThat(lookups).hasValue(2);
		assertThat(output).contains("The MqttCredentialsProvider of MQTT client 'throwing-credentials' failed");
	}

	@Test
	void aStopWhileACredentialsProviderHoldsTheAttemptLeavesNoConnectionBehind() throws Exception {
		CountDownLatch asked = new CountDownLatch(1);
		CountDownLatch answer = new CountDownLatch(1);
		this.client = TestClients.client("slow-credentials", (settings) -> {
			settings.setShutdownTimeout(Duration.ofMillis(500));
			settings.setCredentialsProvider((clientName, serverUri) -> {
				asked.countDown();
				TestClients.awaitIgnoringInterrupts(answer);
				return MqttCredentials.NONE;
			});
		}, broker.uri());
		this.client.start();
		assertThat(asked.await(10, TimeUnit.SECONDS)).isTrue();
		this.client.stop();
		// the provider answers after the stop, as a vault client that ignores interrupts would
		answer.countDown();
		await().atMost(TestClients.await()).untilAsserted(() -> {
			assertThat(this.client.getOwnedThreads()).isEmpty();
			assertThat(this.client.getPendingWorkCount()).isZero();
		});
	}

	@ParameterizedTest
	@EnumSource(names = { "PAHO_V5", "HIVEMQ_V5" })
	void aDriverCustomizerThatThrowsAnErrorFailsOnlyThatAttempt(DriverPair pair) {
		AtomicInteger calls = new AtomicInteger();
		Runnable customizer = () -> {
			if (calls.incrementAndGet() == 1) {
				throw new AssertionError("customizer");
			}
		};
		MqttClientSettings settings = TestClients.settings(broker.uri());
		pair.apply(settings);
		MqttDriver driver = (pair == DriverPair.PAHO_V5) ? new PahoV5Driver((options) -> customizer.run())
				: new HiveMqDriver((builder) -> customizer.run());
		this.client = new ManagedMqttClient("throwing-customizer", settings, driver);
		this.client.start();
		await().atMost(TestClients.await()).until(this.client::isConnected);
		assertThat(calls).hasValue(2);
		this.client.stop();
		// nothing of the failed attempt is left running
		assertThat(this.client.getThreadCount()).isZero();
	}

	/** Throws from every call. */
	static final class Throwing implements MqttClientEvents {

		@Override
		public void connectAttempt(boolean success) {
			throw new IllegalStateException("connectAttempt");
		}

		@Override
		public void connected(ConnectionInfo info) {
			throw new IllegalStateException("connected");
		}

		@Override
		public void connectFailed(URI serverUri, Throwable cause, int attempt, Duration nextDelay) {
			throw new IllegalStateException("connectFailed");
		}

		@Override
		public void connectionLost(Throwable cause) {
			throw new AssertionError("connectionLost");
		}

		@Override
		public void subscribed(String filter, int reasonCode) {
			throw new IllegalStateException("subscribed");
		}

		@Override
		public void published(int qos, boolean success, long nanos) {
			throw new AssertionError("published");
		}

	}

	/** Counts connections, losses and publishes, after the one that throws. */
	static final class Counting implements MqttClientEvents {

		volatile int connected;

		volatile int published;

		volatile int lost;

		@Override
		public void connectionLost() {
			this.lost++;
		}

		@Override
		public void connected(ConnectionInfo info) {
			this.connected++;
		}

		@Override
		public void published(int qos, boolean success, long nanos) {
			if (success) {
				this.published++;
			}
		}

	}

}
