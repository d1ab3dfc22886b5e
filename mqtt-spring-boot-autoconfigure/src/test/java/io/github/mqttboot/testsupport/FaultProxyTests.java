package io.github.mqttboot.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.mqttboot.testsupport.FaultProxy.Mode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link FaultProxy}, in front of a {@link TestBroker} or standalone.
 */
class FaultProxyTests {

	@RegisterExtension
	static TestBroker broker = TestBroker.create();

	@Test
	void passForwardsAnMqttRoundTrip() throws Exception {
		try (FaultProxy proxy = FaultProxy.to(broker.port()); TestClient client = new TestClient(proxy.uri())) {
			assertThat(proxy.uri()).isEqualTo("tcp://127.0.0.1:" + proxy.port()).isNotEqualTo(broker.uri());
			client.connect(options(5));
			client.mqtt.subscribe("test/proxy", 1).waitForCompletion(5000);
			client.mqtt.publish("test/proxy", "through".getBytes(StandardCharsets.UTF_8), 1, false)
				.waitForCompletion(5000);
			assertThat(client.messages.poll(5, TimeUnit.SECONDS)).isEqualTo("through");
			assertThat(proxy.acceptedCount()).isEqualTo(1);
			assertThat(proxy.activeConnections()).isEqualTo(1);
			client.mqtt.disconnect().waitForCompletion(5000);
			await().atMost(Duration.ofSeconds(5)).until(() -> proxy.activeConnections() == 0);
			await().atMost(Duration.ofSeconds(5)).until(() -> proxyThreads(proxy).size() == 1);
		}
	}

	/**
	 * Raw MQTT rather than Paho: Paho 1.2.5 leaks a non-daemon "MQTT Con: <client id>"
	 * thread for good on every connect to such a peer (it fails in ~2 ms with reason
	 * 32109), which would break the JVM-wide MQTT thread-leak checks of other tests.
	 */
	@Test
	void acceptThenCloseFailsAnMqttConnectQuickly() throws Exception {
		try (FaultProxy proxy = FaultProxy.to(broker.port())) {
			assertThat(answerToConnect(proxy.port())).as("CONNACK through PASS").isEqualTo(0x20);
			proxy.mode(Mode.ACCEPT_THEN_CLOSE);
			long startedAt = System.nanoTime();
			assertThat(answerToConnect(proxy.port())).as("end of stream or reset, no CONNACK").isNegative();
			assertThat(Duration.ofNanos(System.nanoTime() - startedAt)).isLessThan(Duration.ofSeconds(3));
			assertThat(proxy.acceptedCount()).isEqualTo(2);
		}
	}

	@Test
	void blackholeNeverAnswersTheConnect() throws Exception {
		try (FaultProxy proxy = FaultProxy.standalone(Mode.BLACKHOLE); TestClient client = new TestClient(proxy.uri())) {
			// Paho's connection timeout only bounds the TCP connect, so wait for the CONNACK here
			IMqttToken token = client.mqtt.connect(options(1));
			assertThatExceptionOfType(MqttException.class).isThrownBy(() -> token.waitForCompletion(1000))
				.satisfies((ex) -> assertThat(ex.getReasonCode()).isEqualTo(MqttClientException.REASON_CODE_CLIENT_TIMEOUT));
			assertThat(token.isComplete()).isFalse();
			assertThat(proxy.acceptedCount()).isEqualTo(1);
			assertThat(proxy.activeConnections()).isEqualTo(1);
		}
	}

	@Test
	void resetEstablishedDropsAConnectedClient() throws Exception {
		try (FaultProxy proxy = FaultProxy.to(broker.port()); TestClient client = new TestClient(proxy.uri())) {
			client.connect(options(5));
			assertThat(proxy.resetEstablished()).isEqualTo(1);
			await().atMost(Duration.ofSeconds(5)).until(() -> client.disconnects.get() == 1);
			assertThat(client.mqtt.isConnected()).isFalse();
			assertThat(proxy.activeConnections()).isZero();
		}
	}

	@Test
	void blackholeStallsAnEstablishedConnectionUntilPass() throws Exception {
		try (FaultProxy proxy = FaultProxy.to(broker.port());
				TestClient subscriber = new TestClient(proxy.uri());
				TestClient publisher = new TestClient(broker.uri())) {
			subscriber.connect(options(5));
			subscriber.mqtt.subscribe("test/stall", 1).waitForCompletion(5000);
			publisher.connect(options(5));
			proxy.mode(Mode.BLACKHOLE);
			publisher.mqtt.publish("test/stall", "late".getBytes(StandardCharsets.UTF_8), 1, false)
				.waitForCompletion(5000);
			await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(subscriber.messages::isEmpty);
			proxy.mode(Mode.PASS);
			assertThat(subscriber.messages.poll(5, TimeUnit.SECONDS)).isEqualTo("late");
			assertThat(subscriber.mqtt.isConnected()).isTrue();
		}
	}

	@Test
	void latencyDelaysEachDirection() throws Exception {
		try (FaultProxy proxy = FaultProxy.to(broker.port()).latency(Duration.ofMillis(200));
				TestClient client = new TestClient(proxy.uri())) {
			long startedAt = System.nanoTime();
			client.connect(options(5));
			assertThat(Duration.ofNanos(System.nanoTime() - startedAt)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
		}
	}

	@Test
	void standaloneModesOnRawSockets() throws Exception {
		try (FaultProxy proxy = FaultProxy.standalone(Mode.ACCEPT_THEN_CLOSE); Socket socket = connect(proxy.port())) {
			assertThat(socket.getInputStream().read()).as("end of stream").isEqualTo(-1);
			proxy.mode(Mode.RESET);
			assertThatExceptionOfType(SocketException.class).as("RST during connect or on the first read")
				.isThrownBy(() -> readUntilEnd(proxy.port()))
				.withMessageContaining("reset");
			proxy.mode(Mode.BLACKHOLE);
			try (Socket silent = connect(proxy.port())) {
				silent.setSoTimeout(300);
				silent.getOutputStream().write(new byte[] { 0x10, 0x00 });
				assertThatExceptionOfType(IOException.class).isThrownBy(() -> silent.getInputStream().read())
					.withMessageContaining("timed out");
				assertThat(proxy.activeConnections()).isEqualTo(1);
			}
			await().atMost(Duration.ofSeconds(5)).until(() -> proxy.activeConnections() == 0);
			assertThat(proxy.acceptedCount()).isEqualTo(3);
		}
		assertThatIllegalArgumentException().isThrownBy(() -> FaultProxy.standalone(Mode.PASS));
	}

	@Test
	void closeEndsEveryProxyThreadAndNoneIsNamedAfterMqtt() throws Exception {
		FaultProxy proxy = FaultProxy.to(broker.port());
		List<TestClient> clients = new ArrayList<>();
		try {
			for (int i = 0; i < 3; i++) {
				TestClient client = new TestClient(proxy.uri());
				clients.add(client);
				client.connect(options(5));
			}
			proxy.mode(Mode.BLACKHOLE);
			try (Socket silent = connect(proxy.port())) {
				assertThat(silent.isConnected()).isTrue();
				await().atMost(Duration.ofSeconds(5)).until(() -> proxy.activeConnections() == 4);
				List<Thread> threads = proxyThreads(proxy);
				assertThat(threads).as("acceptor, 2 per passing and 1 per black-holed connection").hasSize(1 + 3 * 2 + 1);
				assertThat(threads).allSatisfy((thread) -> {
					assertThat(thread.isDaemon()).isTrue();
					assertThat(thread.getName()).startsWith("fault-proxy-");
					assertThat(thread.getName().toLowerCase(Locale.ROOT)).doesNotContain("mqtt");
				});
				proxy.close();
			}
			assertThat(proxyThreads(proxy)).isEmpty();
			assertThat(proxy.activeConnections()).isZero();
			assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> connect(proxy.port()).close());
			await().atMost(Duration.ofSeconds(5)).until(() -> clients.stream().allMatch((c) -> c.disconnects.get() == 1));
		}
		finally {
			clients.forEach(TestClient::close);
			proxy.close();
		}
	}

	@Test
	void shortLivedConnectionsLeaveOnlyTheAcceptorThread() throws Exception {
		try (FaultProxy proxy = FaultProxy.to(broker.port())) {
			for (int i = 0; i < 100; i++) {
				try (Socket socket = connect(proxy.port())) {
					socket.getOutputStream().write(new byte[] { (byte) 0xC0, 0x00 });
				}
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> proxyThreads(proxy).size() == 1);
			assertThat(proxy.acceptedCount()).isEqualTo(100);
			assertThat(proxy.activeConnections()).isZero();
		}
	}

	static List<Thread> proxyThreads(FaultProxy proxy) {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().startsWith("fault-proxy-" + proxy.port() + "-"))
			.toList();
	}

	static Socket connect(int port) throws IOException {
		Socket socket = new Socket();
		socket.setSoTimeout(5000);
		socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
		return socket;
	}

	/** Send an MQTT 5 CONNECT: the first byte of the answer, -1 at end of stream, -2 if reset. */
	static int answerToConnect(int port) throws IOException {
		byte[] connect = { 0x10, 0x0E, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, 0x02, 0x00, 0x3C, 0x00, 0x00, 0x01, 'x' };
		try (Socket socket = connect(port)) {
			socket.getOutputStream().write(connect);
			return socket.getInputStream().read();
		}
		catch (SocketException ex) {
			return -2;
		}
	}

	static void readUntilEnd(int port) throws IOException {
		try (Socket socket = connect(port); InputStream in = socket.getInputStream()) {
			while (in.read() != -1) {
				// drain
			}
		}
	}

	static MqttConnectionOptions options(int connectionTimeoutSeconds) {
		MqttConnectionOptions options = new MqttConnectionOptions();
		options.setConnectionTimeout(connectionTimeoutSeconds);
		options.setAutomaticReconnect(false);
		return options;
	}

	/** A raw Paho v5 client recording messages and disconnections, closed forcibly. */

}
