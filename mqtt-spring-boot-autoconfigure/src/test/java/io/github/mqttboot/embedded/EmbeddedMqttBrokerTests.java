package io.github.mqttboot.embedded;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttConnAck;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link EmbeddedMqttBroker} against a real HiveMQ CE and a Paho v5 client.
 */
class EmbeddedMqttBrokerTests {

	/** Names of the threads HiveMQ CE 2025.5 starts, so the leak check can tell them apart. */
	private static final List<String> HIVEMQ_THREAD_PREFIXES = List.of("hivemq-", "embedded-hivemq-",
			"single-writer-", "persistence-", "scheduled-persistence-", "payload-persistence-", "extension-",
			"managed-extension-", "async-iterator-", "global-traffic-shaper-", "usage-statistics-",
			"shutdown-log-", "PreDestroy-", "ssl-context-", "diagnostic-");

	private final List<EmbeddedMqttBroker> brokers = new ArrayList<>();

	@AfterEach
	void stopBrokers() {
		this.brokers.forEach(EmbeddedMqttBroker::stop);
	}

	@Test
	void startsOnFreeLoopbackPortAndRoundTripsQos1() throws Exception {
		EmbeddedMqttBroker broker = startedBroker(0);
		assertThat(broker.getPort()).isPositive();
		assertThat(broker.getServerUri()).isEqualTo("tcp://127.0.0.1:" + broker.getPort());
		assertThat(broker.isRunning()).isTrue();
		MqttClient client = new MqttClient(broker.getServerUri(), "round-trip", new MemoryPersistence());
		try {
			IMqttToken token = client.connectWithResult(options());
			assertThat(((MqttConnAck) token.getResponse()).getProperties().getReceiveMaximum()).isEqualTo(10);
			BlockingQueue<MqttMessage> received = new LinkedBlockingQueue<>();
			client.subscribe(new MqttSubscription[] { new MqttSubscription("test/round-trip", 1) },
					new IMqttMessageListener[] { (topic, message) -> received.add(message) });
			MqttMessage message = new MqttMessage("hello".getBytes(StandardCharsets.UTF_8));
			message.setQos(1);
			client.publish("test/round-trip", message);
			MqttMessage delivered = received.poll(10, TimeUnit.SECONDS);
			assertThat(delivered).isNotNull();
			assertThat(new String(delivered.getPayload(), StandardCharsets.UTF_8)).isEqualTo("hello");
			assertThat(delivered.getQos()).isEqualTo(1);
		}
		finally {
			disconnectAndClose(client);
		}
	}

	@Test
	void portInUseFailsFastWithBothWaysOut() throws Exception {
		try (ServerSocket occupant = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			int port = occupant.getLocalPort();
			EmbeddedMqttBroker broker = new EmbeddedMqttBroker(port);
			this.brokers.add(broker);
			assertThatExceptionOfType(EmbeddedBrokerPortInUseException.class).isThrownBy(broker::start)
				.satisfies((ex) -> assertThat(ex.getPort()).isEqualTo(port))
				.withMessageContaining("Port " + port + " is already in use")
				.withMessageContaining("mqtt.server-uris=tcp://localhost:" + port)
				.withMessageContaining("mqtt.embedded.port")
				.withMessageContaining("'0' picks a free one");
			assertThat(broker.isRunning()).isFalse();
		}
	}

	@Test
	void bindFailureDuringStartIsReportedAsPortInUse() throws Exception {
		Set<String> before = threadNames();
		try (ServerSocket occupant = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			int port = occupant.getLocalPort();
			EmbeddedMqttBroker broker = new EmbeddedMqttBroker(port) {

				@Override
				void checkPortFree() {
					// let HiveMQ itself run into the occupied port
				}

			};
			this.brokers.add(broker);
			assertThatExceptionOfType(EmbeddedBrokerPortInUseException.class).isThrownBy(broker::start)
				.satisfies((ex) -> assertThat(ex.getPort()).isEqualTo(port))
				.withMessageContaining("mqtt.server-uris=tcp://localhost:" + port);
			assertThat(broker.isRunning()).isFalse();
		}
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(newHiveMqThreads(before)).isEmpty());
	}

	@Test
	void listensOnLoopbackOnly() throws Exception {
		Optional<InetAddress> external = NetworkInterface.networkInterfaces()
			.filter((nic) -> !isLoopback(nic))
			.flatMap(NetworkInterface::inetAddresses)
			.filter((address) -> address instanceof Inet4Address && !address.isLoopbackAddress())
			.findFirst();
		assumeThat(external).as("a non-loopback IPv4 address").isPresent();
		EmbeddedMqttBroker broker = startedBroker(0);
		try (Socket socket = new Socket()) {
			assertThatExceptionOfType(IOException.class).isThrownBy(
					() -> socket.connect(new InetSocketAddress(external.get(), broker.getPort()), 2000));
		}
	}

	@Test
	void configurationBindsLoopbackInMemoryWithoutUsageStatistics() {
		assertThat(EmbeddedMqttBroker.configXml(1884)).contains("<port>1884</port>")
			.contains("<bind-address>127.0.0.1</bind-address>")
			.contains("<persistence>", "<mode>in-memory</mode>")
			.contains("<anonymous-usage-statistics>", "<enabled>false</enabled>");
	}

	@Test
	void startAndStopAreIdempotent() {
		EmbeddedMqttBroker broker = new EmbeddedMqttBroker(0);
		this.brokers.add(broker);
		broker.stop();
		broker.start();
		broker.start();
		assertThat(broker.isRunning()).isTrue();
		broker.stop();
		broker.stop();
		assertThat(broker.isRunning()).isFalse();
	}

	@Test
	void anotherInstanceStartsOnTheSamePortAfterStop() throws Exception {
		EmbeddedMqttBroker first = startedBroker(0);
		connectAndDisconnect(first);
		first.stop();
		EmbeddedMqttBroker second = startedBroker(first.getPort());
		connectAndDisconnect(second);
		second.stop();
		assertThat(second.isRunning()).isFalse();
	}

	@Test
	void leavesNoThreadAfterStop() throws Exception {
		Set<String> before = threadNames();
		EmbeddedMqttBroker broker = startedBroker(0);
		connectAndDisconnect(broker);
		assertThat(newHiveMqThreads(before)).isNotEmpty();
		broker.stop();
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(newHiveMqThreads(before)).isEmpty();
			assertThat(threadNames()).filteredOn((name) -> name.contains("mqtt") || name.contains("MQTT"))
				.isSubsetOf(before);
		});
	}

	private EmbeddedMqttBroker startedBroker(int port) {
		EmbeddedMqttBroker broker = new EmbeddedMqttBroker(port);
		this.brokers.add(broker);
		broker.start();
		return broker;
	}

	private static void connectAndDisconnect(EmbeddedMqttBroker broker) throws Exception {
		MqttClient client = new MqttClient(broker.getServerUri(), "probe", new MemoryPersistence());
		try {
			client.connect(options());
			assertThat(client.isConnected()).isTrue();
		}
		finally {
			disconnectAndClose(client);
		}
	}

	private static MqttConnectionOptions options() {
		MqttConnectionOptions options = new MqttConnectionOptions();
		options.setConnectionTimeout(5);
		options.setAutomaticReconnect(false);
		return options;
	}

	private static void disconnectAndClose(MqttClient client) throws Exception {
		if (client.isConnected()) {
			client.disconnect();
		}
		client.close();
	}

	private static boolean isLoopback(NetworkInterface nic) {
		try {
			return nic.isLoopback() || !nic.isUp();
		}
		catch (SocketException ex) {
			return true;
		}
	}

	private static Set<String> threadNames() {
		return Thread.getAllStackTraces().keySet().stream().map(Thread::getName).collect(Collectors.toSet());
	}

	private static List<String> newHiveMqThreads(Set<String> before) {
		return threadNames().stream()
			.filter((name) -> !before.contains(name))
			.filter((name) -> HIVEMQ_THREAD_PREFIXES.stream().anyMatch(name::startsWith))
			.sorted()
			.toList();
	}

}
