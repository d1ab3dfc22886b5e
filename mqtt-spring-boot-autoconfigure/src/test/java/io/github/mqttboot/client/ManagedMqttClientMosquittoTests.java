package io.github.mqttboot.client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.github.mqttboot.client.driver.ConnectionInfo;
import io.github.mqttboot.testsupport.FaultProxy;
import io.github.mqttboot.testsupport.TestBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The supervised client against a real broker that the tests stop, kill and restart (a Mosquitto
 * process, or the embedded broker where Mosquitto is not installed), for every driver and protocol.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.github.mqttboot.client.DriverPair#pairs")
class ManagedMqttClientMosquittoTests {

	@Parameter
	DriverPair pair;

	@RegisterExtension
	final TestBroker broker = TestBroker.create();

	private final List<ManagedMqttClient> clients = new ArrayList<>();

	@AfterEach
	void stopClients() {
		TestClients.stop(this.clients.toArray(ManagedMqttClient[]::new));
	}

	private ManagedMqttClient started(ManagedMqttClient client) {
		this.clients.add(client);
		client.start();
		return client;
	}

	private static void awaitConnected(ManagedMqttClient client) {
		await().atMost(TestClients.await()).until(client::isConnected);
	}

	@Test
	void connectsWithoutBlockingStartAndReportsTheBroker() {
		ManagedMqttClient client = started(TestClients.client(this.pair, "c", this.broker.uri()));
		assertThat(client.getState()).isIn(ClientState.CONNECTING, ClientState.CONNECTED);
		awaitConnected(client);
		assertThat(client.getConnectionInfo().serverUri()).hasToString(this.broker.uri());
		// the broker's Receive Maximum (Mosquitto's max_inflight_messages, 20); MQTT 3.1.1 has none
		assertThat(client.getConnectionInfo().receiveMaximum())
			.isEqualTo(this.pair.isMqtt5() ? this.broker.receiveMaximum() : ConnectionInfo.MQTT3_RECEIVE_MAXIMUM);
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, 2 })
	void publishesAndReceivesAtEachQos(int qos) throws Exception {
		ManagedMqttClient subscriber = started(TestClients.client(this.pair, "sub", this.broker.uri()));
		ManagedMqttClient publisher = started(TestClients.client(this.pair, "pub", this.broker.uri()));
		awaitConnected(subscriber);
		awaitConnected(publisher);
		List<String> received = new CopyOnWriteArrayList<>();
		List<Integer> qosReceived = new CopyOnWriteArrayList<>();
		subscriber.subscribe("qos/+", qos, (message) -> {
			received.add(new String(message.payload(), StandardCharsets.UTF_8));
			qosReceived.add(message.qos());
		}).get(10, TimeUnit.SECONDS);
		List<CompletableFuture<PublishResult>> sent = IntStream.range(0, 50)
			.mapToObj((i) -> publisher.publish("qos/" + qos, ("m" + i).getBytes(StandardCharsets.UTF_8), qos, false))
			.toList();
		CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
		assertThat(sent.get(49).get().qos()).isEqualTo(qos);
		await().atMost(TestClients.await()).untilAsserted(() -> assertThat(received).hasSize(50));
		assertThat(received).containsExactlyElementsOf(IntStream.range(0, 50).mapToObj((i) -> "m" + i).toList());
		assertThat(qosReceived).containsOnly(qos);
	}

	@Test
	void pipelinedPublishesReachTheBrokerInCallOrder() throws Exception {
		ManagedMqttClient client = started(TestClients.client(this.pair, "c", this.broker.uri()));
		awaitConnected(client);
		List<String> received = new CopyOnWriteArrayList<>();
		// subscribed at QoS 0: the broker forwards at once, in the order it received them (at QoS 1
		// a full in-flight window towards the subscriber can reorder them in Mosquitto 2.0.11)
		client.subscribe("order/#", 0, (message) -> received.add(new String(message.payload(), StandardCharsets.UTF_8)))
			.get(10, TimeUnit.SECONDS);
		List<CompletableFuture<PublishResult>> published = IntStream.range(0, 2_000)
			.mapToObj((i) -> client.publish("order/x", ("m" + i).getBytes(StandardCharsets.UTF_8), 1, false))
			.toList();
		CompletableFuture.allOf(published.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
		await().atMost(TestClients.await()).until(() -> received.size() >= 2_000);
		assertThat(received).containsExactlyElementsOf(IntStream.range(0, 2_000).mapToObj((i) -> "m" + i).toList());
	}

	@Test
	void brokerKilledAndRestartedRestoresSubscriptionsAndDeliversBufferedPublishesInOrder() throws Exception {
		ManagedMqttClient client = started(TestClients.client(this.pair, "c", this.broker.uri()));
		awaitConnected(client);
		List<String> received = new CopyOnWriteArrayList<>();
		client.subscribe("restart/#", 1, (message) -> received.add(new String(message.payload(), StandardCharsets.UTF_8)))
			.get(10, TimeUnit.SECONDS);
		this.broker.kill();
		await().atMost(TestClients.await()).until(() -> client.getState() == ClientState.RECONNECTING);
		List<CompletableFuture<PublishResult>> buffered = IntStream.range(0, 100)
			.mapToObj((i) -> client.publish("restart/x", ("b" + i).getBytes(StandardCharsets.UTF_8), 1, false))
			.toList();
		assertThat(client.getBuffered()).isEqualTo(100);
		// a restart without persistence: the broker lost the session and its subscriptions
		this.broker.restart();
		awaitConnected(client);
		CompletableFuture.allOf(buffered.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
		await().atMost(TestClients.await()).until(() -> received.size() >= 100);
		assertThat(received).containsExactlyElementsOf(IntStream.range(0, 100).mapToObj((i) -> "b" + i).toList());
	}

	@Test
	void failsOverToTheNextServerUri() {
		String refused = "tcp://127.0.0.1:" + FreePorts.closedPort();
		ManagedMqttClient client = started(TestClients.client(this.pair, "c", refused, this.broker.uri()));
		awaitConnected(client);
		assertThat(client.getConnectionInfo().serverUri()).hasToString(this.broker.uri());
	}

	@Test
	void startsWithTheBrokerDownAndConnectsWhenItComesUp() {
		this.broker.stop();
		ManagedMqttClient client = started(TestClients.client(this.pair, "c", this.broker.uri()));
		await().atMost(TestClients.await()).until(() -> client.getReconnectAttempts() >= 2);
		assertThat(client.getState()).isEqualTo(ClientState.CONNECTING);
		assertThat(client.getLastError()).isNotNull();
		this.broker.start();
		awaitConnected(client);
		assertThat(client.getReconnectAttempts()).isZero();
	}

	@Test
	void stopDuringAPendingConnectReturnsWithinTheShutdownTimeout() {
		try (FaultProxy silent = FaultProxy.standalone(FaultProxy.Mode.BLACKHOLE)) {
			ManagedMqttClient client = started(TestClients.client(this.pair, "c", (settings) -> {
				settings.setConnectionTimeout(Duration.ofSeconds(30));
				settings.setShutdownTimeout(Duration.ofSeconds(2));
			}, silent.uri()));
			await().atMost(TestClients.await()).until(() -> silent.acceptedCount() >= 1);
			assertThat(client.getPendingWorkCount()).isEqualTo(1);
			long started = System.nanoTime();
			client.stop();
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
			assertThat(client.getState()).isEqualTo(ClientState.STOPPED);
			assertThat(client.getPendingWorkCount()).isZero();
		}
	}

	@Test
	void aConnectionLostWhileAStopAwaitsItsPublishesEndsTheWaitAndIsReleased() throws Exception {
		try (FaultProxy proxy = FaultProxy.to(this.broker.port())) {
			ManagedMqttClient client = started(TestClients.client(this.pair, "c",
					(settings) -> settings.setShutdownTimeout(Duration.ofSeconds(10)), proxy.uri()));
			awaitConnected(client);
			proxy.mode(FaultProxy.Mode.BLACKHOLE);
			CompletableFuture<PublishResult> unacknowledged = client.publish("t", new byte[] { 1 }, 1, false);
			CompletableFuture<Duration> stop = CompletableFuture.supplyAsync(() -> {
				long started = System.nanoTime();
				client.stop();
				return Duration.ofNanos(System.nanoTime() - started);
			});
			await().atMost(TestClients.await()).until(() -> client.getState() == ClientState.STOPPING);
			proxy.resetEstablished();
			assertThat(stop.get(20, TimeUnit.SECONDS)).isLessThan(Duration.ofSeconds(5));
			assertThat(unacknowledged).failsWithin(Duration.ofSeconds(1));
			assertThat(client.getOwnedThreads()).isEmpty();
			assertThat(client.getPendingWorkCount()).isZero();
		}
	}

	@Test
	void aStopWhosePublishesAreNeverAcknowledgedStillReleasesTheConnection() {
		try (FaultProxy proxy = FaultProxy.to(this.broker.port())) {
			ManagedMqttClient client = started(TestClients.client(this.pair, "c",
					(settings) -> settings.setShutdownTimeout(Duration.ofSeconds(2)), proxy.uri()));
			awaitConnected(client);
			proxy.mode(FaultProxy.Mode.BLACKHOLE);
			CompletableFuture<PublishResult> unacknowledged = client.publish("t", new byte[] { 1 }, 1, false);
			client.stop();
			assertThat(unacknowledged).failsWithin(Duration.ofSeconds(1));
			await().atMost(TestClients.await()).untilAsserted(() -> assertThat(client.getOwnedThreads()).isEmpty());
			assertThat(client.getPendingWorkCount()).isZero();
		}
	}

	@Test
	void waitForConnectionFailsStartupWithAClearMessage() {
		String refused = "tcp://127.0.0.1:" + FreePorts.closedPort();
		ManagedMqttClient client = TestClients.client(this.pair, "c",
				(settings) -> settings.setWaitForConnection(Duration.ofMillis(700)), refused);
		this.clients.add(client);
		assertThatExceptionOfType(MqttConnectionException.class).isThrownBy(client::start)
			.withMessageContaining("MQTT client 'c'")
			.withMessageContaining(refused)
			.withMessageContaining("within 700 ms")
			.satisfies((failure) -> assertThat(failure.getClientName()).isEqualTo("c"));
		assertThat(client.getState()).isEqualTo(ClientState.STOPPED);
	}

	@Test
	void waitForConnectionReturnsOnceConnected() {
		ManagedMqttClient client = started(TestClients.client(this.pair, "c",
				(settings) -> settings.setWaitForConnection(Duration.ofSeconds(10)), this.broker.uri()));
		assertThat(client.getState()).isEqualTo(ClientState.CONNECTED);
	}

	@Test
	void everyMqttThreadIsOwnedWhileConnectedAndNoneIsLeftAfterStop() {
		ManagedMqttClient client = started(TestClients.client(this.pair, "owner", this.broker.uri()));
		awaitConnected(client);
		List<Thread> mqttThreads = TestClients.mqttThreads();
		assertThat(mqttThreads).isNotEmpty().allSatisfy((thread) -> {
			assertThat(client.getOwnedThreads().contains(thread)).as(thread.getName() + " is owned").isTrue();
			assertThat(thread.getName()).matches("mqtt-owner-(supervisor|" + this.pair.threadRole() + ")-\\d+");
		});
		client.stop();
		assertThat(client.getThreadCount()).isZero();
		await().atMost(Duration.ofSeconds(5)).until(() -> TestClients.mqttThreads().isEmpty());
	}

	@Test
	void aThreadDumpShowsNoThreadOutsideTheClientsNamesWhileItWorksAndNoneAfterStop() throws Exception {
		Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
		ManagedMqttClient client = started(TestClients.client(this.pair, "dump", this.broker.uri()));
		awaitConnected(client);
		CompletableFuture<InboundMessage> received = new CompletableFuture<>();
		client.subscribe("dump/#", 1, received::complete).get(10, TimeUnit.SECONDS);
		client.publish("dump/x", new byte[] { 1 }, 1, false).get(10, TimeUnit.SECONDS);
		assertThat(received).succeedsWithin(TestClients.await());
		String owned = "mqtt-dump-(supervisor|" + this.pair.threadRole() + ")-\\d+";
		assertThat(startedSince(before)).allSatisfy((thread) -> assertThat(thread.getName()).matches(owned));
		client.stop();
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(startedSince(before)).isEmpty());
	}

	/**
	 * Threads started since the snapshot, except the embedded broker's (it runs in this JVM where
	 * Mosquitto is not installed), Awaitility's poller and the JVM-wide daemons
	 * that libraries start once per JVM and never per connection: RxJava's purge and cache
	 * evictor threads (started when the HiveMQ client first loads RxJava's schedulers), and
	 * Netty's global executor (it completes an event loop's shutdown and ends when idle) and
	 * object cleaner.
	 */
	private static List<Thread> startedSince(Set<Thread> before) {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.isAlive() && !before.contains(thread))
			.filter((thread) -> !TestBroker.isBrokerThread(thread))
			.filter((thread) -> !JVM_WIDE_DAEMONS.matcher(thread.getName()).matches())
			.toList();
	}

	private static final java.util.regex.Pattern JVM_WIDE_DAEMONS = java.util.regex.Pattern
		.compile("awaitility.*|RxSchedulerPurge-\\d+|RxCachedWorkerPoolEvictor-\\d+|globalEventExecutor-\\d+-\\d+|ObjectCleanerThread");

	@Test
	void buffersWhileDisconnectedAndFailsWhenTheBufferIsFull() {
		this.broker.stop();
		ManagedMqttClient client = started(TestClients.client(this.pair, "c", (settings) -> settings.setBufferCapacity(2),
				this.broker.uri()));
		CompletableFuture<PublishResult> first = client.publish("t", new byte[] { 1 }, 1, false);
		CompletableFuture<PublishResult> second = client.publish("t", new byte[] { 2 }, 1, false);
		CompletableFuture<PublishResult> third = client.publish("t", new byte[] { 3 }, 1, false);
		assertThat(third).isCompletedExceptionally();
		assertThatExceptionOfType(Exception.class).isThrownBy(third::join)
			.havingRootCause()
			.isInstanceOf(MqttPublishException.class)
			.withMessageContaining("mqtt.publish.buffer.capacity=2");
		this.broker.start();
		assertThat(CompletableFuture.allOf(first, second)).succeedsWithin(TestClients.await());
	}

	@Test
	void stopFailsWhatWasNeverSent() {
		this.broker.stop();
		ManagedMqttClient client = started(TestClients.client(this.pair, "c", this.broker.uri()));
		CompletableFuture<PublishResult> waiting = client.publish("t", new byte[] { 1 }, 1, false);
		client.stop();
		assertThat(waiting).failsWithin(Duration.ofSeconds(1))
			.withThrowableThat()
			.havingRootCause()
			.isInstanceOf(MqttPublishException.class);
	}

}
