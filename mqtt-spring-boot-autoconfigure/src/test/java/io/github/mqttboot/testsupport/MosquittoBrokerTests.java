package io.github.mqttboot.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link MosquittoBroker}, using a raw Paho v5 client.
 */
class MosquittoBrokerTests {

	@RegisterExtension
	static MosquittoBroker broker = MosquittoBroker.create();

	static final List<MosquittoBroker> testScopedBrokers = new CopyOnWriteArrayList<>();

	@AfterAll
	static void nestedClassesDidNotStopTheClassScopedBrokerAndTestScopedOnesAreClosed() {
		if (!MosquittoBroker.isAvailable()) {
			// every test was skipped
			return;
		}
		assertThat(broker.isRunning()).as("class-scoped broker survives its @Nested classes").isTrue();
		assertThat(testScopedBrokers).isNotEmpty().noneMatch(MosquittoBroker::isRunning);
		assertThat(testScopedBrokers).allSatisfy((closed) -> assertThat(closed.logTail()).contains("no broker directory"));
	}

	@Test
	void classScopedBrokerListensOnLoopbackWithGeneratedConfig() throws IOException {
		assertThat(MosquittoBroker.isInstalled()).isTrue();
		assertThat(broker.isRunning()).isTrue();
		assertThat(broker.uri()).isEqualTo("tcp://127.0.0.1:" + broker.port());
		assertThat(Files.readAllLines(broker.configFile())).contains("user root",
				"listener " + broker.port() + " 127.0.0.1", "allow_anonymous true", "persistence false");
		assertThat(broker.logTail()).contains("mosquitto version").contains("running");
	}

	@Test
	void publishSubscribeRoundTrip() throws Exception {
		try (TestClient client = new TestClient(broker.uri())) {
			client.connect(options());
			client.mqtt.subscribe("test/round-trip", 1).waitForCompletion(5000);
			client.mqtt.publish("test/round-trip", "hello".getBytes(StandardCharsets.UTF_8), 1, false)
				.waitForCompletion(5000);
			assertThat(client.messages.poll(5, TimeUnit.SECONDS)).as(broker.logTail()).isEqualTo("hello");
		}
	}

	@Test
	void killAndRestartOnTheSamePortThenReconnect() throws Exception {
		try (MosquittoBroker own = MosquittoBroker.create().start();
				TestClient client = new TestClient(own.uri())) {
			int port = own.port();
			for (int round = 1; round <= 5; round++) {
				client.connect(options());
				int disconnects = client.disconnects.get();
				own.kill();
				assertThat(own.isRunning()).isFalse();
				await().atMost(Duration.ofSeconds(5)).until(() -> client.disconnects.get() > disconnects);
				assertThat(acceptsTcp(port)).isFalse();
				long startedAt = System.nanoTime();
				own.restart();
				long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt);
				System.out.printf("restart %d after kill -9: %d ms, %d launches%n", round, millis, launches(own));
				assertThat(own.port()).isEqualTo(port);
				assertThat(own.isRunning()).isTrue();
			}
			client.connect(options());
			assertThat(client.mqtt.isConnected()).isTrue();
		}
	}

	@Test
	void startRetriesWhileTheFixedPortIsStillTaken() throws Exception {
		ServerSocket blocker = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
		CompletableFuture<Void> release = CompletableFuture.runAsync(() -> closeQuietly(blocker),
				CompletableFuture.delayedExecutor(500, TimeUnit.MILLISECONDS));
		try (MosquittoBroker own = MosquittoBroker.create().fixedPort(blocker.getLocalPort())) {
			long startedAt = System.nanoTime();
			own.start();
			long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt);
			System.out.printf("start on a port released after 500 ms: %d ms, %d launches%n", millis, launches(own));
			assertThat(release).isDone();
			assertThat(launches(own)).isGreaterThan(1);
			assertThat(own.port()).isEqualTo(blocker.getLocalPort());
		}
		finally {
			closeQuietly(blocker);
		}
	}

	@Test
	void stopIsGracefulAndCloseDeletesTheDirectory() {
		MosquittoBroker own = MosquittoBroker.create().start();
		Path directory = own.directory();
		own.stop();
		assertThat(own.isRunning()).isFalse();
		assertThat(own.logTail()).contains("terminating");
		own.close();
		assertThat(directory).doesNotExist();
	}

	@Test
	void passwordFileAcceptsKnownUsersAndRejectsOthers() throws Exception {
		try (MosquittoBroker secured = MosquittoBroker.create().user("alice", "secret").user("bob", "hunter2").start()) {
			assertThat(Files.readAllLines(secured.configFile())).contains("allow_anonymous false");
			for (String[] user : new String[][] { { "alice", "secret" }, { "bob", "hunter2" } }) {
				try (TestClient client = new TestClient(secured.uri())) {
					client.connect(options(user[0], user[1]));
					assertThat(client.mqtt.isConnected()).isTrue();
				}
			}
			for (MqttConnectionOptions bad : List.of(options("alice", "wrong"), options("mallory", "secret"), options())) {
				try (TestClient client = new TestClient(secured.uri())) {
					assertThatExceptionOfType(MqttException.class).isThrownBy(() -> client.connect(bad))
						.satisfies((ex) -> assertThat(ex.getReasonCode()).as(ex.toString()).isIn(0x86, 0x87));
				}
			}
		}
	}

	@Test
	void persistenceKeepsAQueuedMessageAcrossARestart() throws Exception {
		try (MosquittoBroker persistent = MosquittoBroker.create().persistence(true).start()) {
			MqttConnectionOptions session = options();
			session.setCleanStart(false);
			session.setSessionExpiryInterval(300L);
			try (TestClient subscriber = new TestClient(persistent.uri(), "persistent-subscriber")) {
				subscriber.connect(session);
				subscriber.mqtt.subscribe("test/persistent", 1).waitForCompletion(5000);
				subscriber.mqtt.disconnect().waitForCompletion(5000);
			}
			try (TestClient publisher = new TestClient(persistent.uri())) {
				publisher.connect(options());
				publisher.mqtt.publish("test/persistent", "kept".getBytes(StandardCharsets.UTF_8), 1, false)
					.waitForCompletion(5000);
			}
			persistent.restart();
			assertThat(persistent.directory().resolve("mosquitto.db")).exists();
			try (TestClient subscriber = new TestClient(persistent.uri(), "persistent-subscriber")) {
				subscriber.connect(session);
				assertThat(subscriber.messages.poll(5, TimeUnit.SECONDS)).as(persistent.logTail()).isEqualTo("kept");
			}
		}
	}

	@Test
	void extraConfigLinesAreApplied() throws Exception {
		try (MosquittoBroker limited = MosquittoBroker.create().config("max_keepalive 30").start();
				TestClient client = new TestClient(limited.uri())) {
			MqttConnectionOptions options = options();
			options.setKeepAliveInterval(120);
			IMqttToken token = client.connect(options);
			assertThat(token.getResponseProperties().getServerKeepAlive()).isEqualTo(30);
		}
	}

	@Test
	void invalidConfigFailsFastWithTheBrokerOutput() {
		try (MosquittoBroker broken = MosquittoBroker.create().config("no_such_option 1")) {
			long startedAt = System.nanoTime();
			assertThatIllegalStateException().isThrownBy(broken::start).withMessageContaining("no_such_option");
			assertThat(Duration.ofNanos(System.nanoTime() - startedAt)).isLessThan(Duration.ofSeconds(5));
			assertThat(broken.isRunning()).isFalse();
		}
	}

	@Nested
	class TestScoped {

		@RegisterExtension
		MosquittoBroker perTest = MosquittoBroker.create();

		@Test
		void startsBeforeEachTest() {
			testScopedBrokers.add(this.perTest);
			assertThat(this.perTest.isRunning()).isTrue();
			assertThat(this.perTest.port()).isNotEqualTo(broker.port());
		}

		@Test
		void startsAgainForAnotherTest() {
			startsBeforeEachTest();
		}

	}

	@Nested
	@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
	class ClassScopedRestart {

		static final AtomicInteger killedPort = new AtomicInteger();

		@Test
		@Order(1)
		void killTheClassScopedBroker() {
			killedPort.set(broker.port());
			broker.kill();
			assertThat(broker.isRunning()).isFalse();
		}

		@Test
		@Order(2)
		void itIsRestartedOnTheSamePortBeforeTheNextTest() {
			assertThat(broker.isRunning()).isTrue();
			assertThat(broker.port()).isEqualTo(killedPort.get());
		}

	}

	static long launches(MosquittoBroker broker) throws IOException {
		return Files.readAllLines(broker.logFile()).stream().filter((line) -> line.endsWith(" starting")).count();
	}

	static void closeQuietly(ServerSocket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// ignore
		}
	}

	static boolean acceptsTcp(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	static MqttConnectionOptions options() {
		MqttConnectionOptions options = new MqttConnectionOptions();
		options.setConnectionTimeout(5);
		options.setAutomaticReconnect(false);
		return options;
	}

	static MqttConnectionOptions options(String username, String password) {
		MqttConnectionOptions options = options();
		options.setUserName(username);
		options.setPassword(password.getBytes(StandardCharsets.UTF_8));
		return options;
	}

	/** A raw Paho v5 client recording messages and disconnections, closed forcibly. */

}
