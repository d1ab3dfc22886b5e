package io.github.mqttboot.client.driver.paho;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.mqttboot.client.MqttClientSettings;
import io.github.mqttboot.client.OwnedThreads;
import io.github.mqttboot.client.driver.ConnectRequest;
import io.github.mqttboot.client.driver.paho.PahoExecutor.PahoCall;
import io.github.mqttboot.testsupport.TestBroker;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.ScheduledExecutorPingSender;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Releasing a Paho client whose forced disconnect was undone: Paho's {@code stop()} returns
 * before its reader has finished the packet it read, so a CONNACK handled just after the forced
 * disconnect marks the client connected again, {@code close} refuses, and Paho's writer waits for
 * work forever. Here the first forced disconnect does nothing, which leaves the client in that
 * state deterministically.
 */
class PahoExecutorTests {

	@RegisterExtension
	static final TestBroker broker = TestBroker.create();

	@Test
	void anMqtt5ClientConnectedAgainAfterItsForcedDisconnectLeavesNoThread() throws Exception {
		OwnedThreads threads = new OwnedThreads("undone");
		PahoExecutor executor = new PahoExecutor(PahoConnection.PAHO_THREADS, threads, "paho");
		var client = new org.eclipse.paho.mqttv5.client.MqttAsyncClient(broker.uri(), "undone-v5",
				new NoPersistence.V5(), null, executor);
		client.connect(new MqttConnectionOptions()).waitForCompletion(10_000);
		executor.releaseClient(request(threads), undoneOnce(() -> client.disconnectForcibly(0, 0, false)),
				() -> client.close(true));
		assertNoThreadLeft(threads);
	}

	@Test
	void anMqtt311ClientConnectedAgainAfterItsForcedDisconnectLeavesNoThread() throws Exception {
		OwnedThreads threads = new OwnedThreads("undone");
		PahoExecutor executor = new PahoExecutor(PahoConnection.PAHO_THREADS, threads, "paho");
		var client = new org.eclipse.paho.client.mqttv3.MqttAsyncClient(broker.uri(), "undone-v3",
				new NoPersistence.V3(), new ScheduledExecutorPingSender(executor), executor);
		MqttConnectOptions options = new MqttConnectOptions();
		options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
		client.connect(options).waitForCompletion(10_000);
		executor.releaseClient(request(threads), undoneOnce(() -> client.disconnectForcibly(0, 0, false)),
				() -> client.close(true));
		assertNoThreadLeft(threads);
	}

	/** A forced disconnect whose first call is undone at once, as a late CONNACK undoes it. */
	private static PahoCall undoneOnce(PahoCall forcedDisconnect) {
		AtomicInteger calls = new AtomicInteger();
		return () -> {
			if (calls.incrementAndGet() > 1) {
				forcedDisconnect.run();
			}
		};
	}

	private static ConnectRequest request(OwnedThreads threads) {
		return new ConnectRequest(URI.create(broker.uri()), new MqttClientSettings(), threads);
	}

	private static void assertNoThreadLeft(OwnedThreads threads) {
		await().atMost(Duration.ofSeconds(10)).until(() -> threads.count() == 0);
		assertThat(threads.snapshot()).isEmpty();
	}

}
