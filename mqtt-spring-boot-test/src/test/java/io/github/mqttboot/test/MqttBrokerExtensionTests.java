package io.github.mqttboot.test;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;

import io.github.mqttboot.test.MqttTestBroker.Kind;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * The extension's broker (Mosquitto: the embedded one lives in mqtt-spring-boot-autoconfigure,
 * whose tests cover it) and the subscriber's waits.
 */
class MqttBrokerExtensionTests {

	@RegisterExtension
	static final MqttBrokerExtension broker = new MqttBrokerExtension(Kind.MOSQUITTO);

	@Test
	void subscriberAwaitsMessagesPublishedToTheBroker() throws Exception {
		assertThat(broker.getServerUri()).startsWith("tcp://127.0.0.1:");
		assertThat(broker.getBroker().getKind()).isEqualTo(Kind.MOSQUITTO);
		try (MqttTestSubscriber subscriber = MqttTestSubscriber.subscribe(broker.getServerUri(), "readings/#")) {
			TestPublisher.publish(broker.getServerUri(), "readings/s1", "21.5", "22.0", "22.5");
			assertThat(subscriber.awaitMessages(3, Duration.ofSeconds(10))).extracting(ReceivedMqttMessage::payloadAsString)
				.containsExactly("21.5", "22.0", "22.5");
			ReceivedMqttMessage first = subscriber.awaitMessage(Duration.ofSeconds(1));
			assertThat(first.topic()).isEqualTo("readings/s1");
			assertThat(first.qos()).isEqualTo(1);
		}
	}

	@Test
	void awaitingMoreThanArrivedFailsListingWhatDid() throws Exception {
		try (MqttTestSubscriber subscriber = MqttTestSubscriber.subscribe(broker.getServerUri(), "alerts/+")) {
			TestPublisher.publish(broker.getServerUri(), "alerts/a", "overheat");
			subscriber.awaitMessage(Duration.ofSeconds(10));
			assertThatExceptionOfType(AssertionError.class)
				.isThrownBy(() -> subscriber.awaitMessages(2, Duration.ofMillis(200)))
				.withMessageContaining("Expected 2 messages")
				.withMessageContaining("received 1")
				.withMessageContaining("alerts/a (qos 1): overheat");
		}
	}

	// repeated: a pool's workers outlive its termination by a moment, so one run can miss it
	@RepeatedTest(20)
	void closingTheSubscriberEndsItsThreads() {
		MqttTestSubscriber subscriber = MqttTestSubscriber.subscribe(broker.getServerUri(), "x");
		assertThat(subscriberThreads()).isPositive();
		subscriber.close();
		assertThat(subscriberThreads()).isZero();
	}

	@Test
	void aClosedBrokerNoLongerListens() throws Exception {
		TestMqttBroker own = TestMqttBroker.start(Kind.MOSQUITTO);
		URI uri = URI.create(own.getServerUri());
		assertThat(connects(uri)).isTrue();
		own.close();
		assertThatIOException().isThrownBy(() -> {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 1000);
			}
		});
	}

	private static boolean connects(URI uri) throws Exception {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 1000);
			return true;
		}
	}

	private static long subscriberThreads() {
		return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
			.filter((thread) -> thread.getName().startsWith("mqtt-test-subscriber-") || thread.getName().startsWith("MQTT"))
			.count();
	}

}
