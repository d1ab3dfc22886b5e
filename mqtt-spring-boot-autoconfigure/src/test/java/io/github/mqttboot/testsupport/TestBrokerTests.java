package io.github.mqttboot.testsupport;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.mqttboot.testsummary.TestBrokerSelection;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link TestBroker} and its embedded backend, which runs wherever a JDK does: a kill
 * closes the port at once and keeps no session, persistence keeps sessions across a restart on
 * the same port, and the broker's threads are told apart.
 */
class TestBrokerTests {

	private final String selection = System.getProperty(TestBrokerSelection.PROPERTY);

	@AfterEach
	void restoreSelection() {
		if (this.selection != null) {
			System.setProperty(TestBrokerSelection.PROPERTY, this.selection);
		}
		else {
			System.clearProperty(TestBrokerSelection.PROPERTY);
		}
	}

	@Test
	void killClosesThePortAtOnceAndTheRestartedBrokerKeepsNoSession() throws Exception {
		EmbeddedBroker broker = new EmbeddedBroker(MosquittoBroker.freePort(), false, false);
		String uri = "tcp://127.0.0.1:" + broker.port();
		try (TestClient client = new TestClient(uri, "kept-" + System.nanoTime())) {
			broker.start();
			assertThat(broker.isRunning()).isTrue();
			assertThat(client.connect(persistentSession()).getSessionPresent()).isFalse();
			client.mqtt.subscribe("kill/#", 1).waitForCompletion(5000);
			long killedAt = System.nanoTime();
			broker.kill();
			assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).isLessThan(Duration.ofSeconds(2));
			assertThat(broker.isRunning()).isFalse();
			assertThat(MosquittoBrokerTests.acceptsTcp(broker.port())).isFalse();
			await().atMost(Duration.ofSeconds(5)).until(() -> client.disconnects.get() == 1);
			broker.start();
			assertThat(client.connect(persistentSession()).getSessionPresent()).as("session after a kill").isFalse();
		}
		finally {
			broker.close();
		}
	}

	@Test
	void persistenceKeepsSessionsAndQueuedMessagesAcrossARestart() throws Exception {
		EmbeddedBroker broker = new EmbeddedBroker(MosquittoBroker.freePort(), true, false);
		String uri = "tcp://127.0.0.1:" + broker.port();
		try (TestClient client = new TestClient(uri, "kept-" + System.nanoTime());
				TestClient publisher = new TestClient(uri)) {
			broker.start();
			client.connect(persistentSession());
			client.mqtt.subscribe("kept/#", 1).waitForCompletion(5000);
			client.mqtt.disconnect().waitForCompletion(5000);
			publisher.connect(new MqttConnectionOptions());
			publisher.mqtt.publish("kept/1", "while away".getBytes(), 1, false).waitForCompletion(5000);
			publisher.mqtt.disconnect().waitForCompletion(5000);
			broker.kill();
			broker.start();
			IMqttToken connected = client.connect(persistentSession());
			assertThat(connected.getSessionPresent()).as("session after a restart").isTrue();
			assertThat(client.messages.poll(10, TimeUnit.SECONDS)).isEqualTo("while away");
		}
		finally {
			broker.close();
		}
	}

	@Test
	void theBrokersThreadsAreToldApart() throws Exception {
		EmbeddedBroker broker = new EmbeddedBroker(MosquittoBroker.freePort(), false, false);
		try (TestClient client = new TestClient("tcp://127.0.0.1:" + broker.port())) {
			broker.start();
			client.connect(new MqttConnectionOptions());
			assertThat(Thread.getAllStackTraces().keySet()).filteredOn(TestBroker::isBrokerThread)
				.isNotEmpty()
				.allSatisfy((thread) -> assertThat(thread.getName()).doesNotContainIgnoringCase("mqtt"));
			assertThat(Thread.currentThread()).matches((thread) -> !TestBroker.isBrokerThread(thread));
		}
		finally {
			broker.close();
		}
	}

	@Test
	void whatOnlyMosquittoOffersSkipsTheTestWhereTheEmbeddedBrokerIsChosen() {
		System.setProperty(TestBrokerSelection.PROPERTY, TestBrokerSelection.EMBEDDED);
		try (TestBroker secured = TestBroker.create().user("device", "secret")) {
			assertThat(secured.isMosquitto()).isTrue();
			assertThat(secured.isAvailable()).isFalse();
			assertThatExceptionOfType(TestAbortedException.class).isThrownBy(secured::start)
				.withMessageStartingWith("mosquitto not ")
				.withMessageEndingWith("[needs its password file]");
		}
		try (TestBroker plain = TestBroker.create()) {
			assertThat(plain.isMosquitto()).isFalse();
			assertThat(plain.receiveMaximum()).isEqualTo(10);
			assertThatExceptionOfType(TestAbortedException.class)
				.isThrownBy(() -> plain.assumeMosquitto(TestBroker.DELIVERY_PAST_UNACKNOWLEDGED))
				.withMessageContaining(TestBroker.DELIVERY_PAST_UNACKNOWLEDGED);
		}
	}

	private static MqttConnectionOptions persistentSession() {
		MqttConnectionOptions options = new MqttConnectionOptions();
		options.setCleanStart(false);
		options.setSessionExpiryInterval(3600L);
		options.setAutomaticReconnect(false);
		return options;
	}

}
