package io.github.mqttboot.client;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.mqttboot.testsupport.TestBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * MQTT 5 subscription identifiers, against a real broker: sent only where the broker's copies
 * must be told apart, and added to the live subscriptions once they must.
 */
class SubscriptionIdentifierTests {

	@RegisterExtension
	final TestBroker broker = TestBroker.create();

	private ManagedMqttClient subscriber;

	private ManagedMqttClient publisher;

	@AfterEach
	void stop() {
		TestClients.stop(this.subscriber, this.publisher);
	}

	@Test
	void filtersThatNoTopicMatchesTwiceAreSubscribedWithoutIdentifiers() throws Exception {
		start();
		ReceivedMessages one = new ReceivedMessages();
		ReceivedMessages two = new ReceivedMessages();
		this.subscriber.subscribe("solo/+", 1, one).get(10, TimeUnit.SECONDS);
		this.subscriber.subscribe("other/#", 1, two).get(10, TimeUnit.SECONDS);
		publish("solo/a", "1");
		publish("other/b", "2");
		await().atMost(TestClients.await()).until(() -> one.payloads.size() == 1 && two.payloads.size() == 1);
		assertThat(one.ids).containsExactly(List.of());
		assertThat(two.ids).containsExactly(List.of());
	}

	@Test
	void anOverlappingFilterOnALiveConnectionGivesEverySubscriptionOneCopy() throws Exception {
		start();
		publish("live/retained", "kept", true);
		ReceivedMessages plain = new ReceivedMessages();
		this.subscriber.subscribe("live/+", 1, plain).get(10, TimeUnit.SECONDS);
		await().atMost(TestClients.await()).until(() -> plain.payloads.contains("kept"));
		publish("live/x", "before");
		await().atMost(TestClients.await()).until(() -> plain.payloads.contains("before"));
		assertThat(plain.ids).allMatch(List::isEmpty);

		ReceivedMessages wildcard = new ReceivedMessages();
		this.subscriber.subscribe("live/#", 1, wildcard).get(10, TimeUnit.SECONDS);
		for (int i = 0; i < 20; i++) {
			publish("live/x", "m" + i);
		}
		publish("live/x", "end");
		await().atMost(TestClients.await())
			.until(() -> plain.payloads.contains("end") && wildcard.payloads.contains("end"));
		// one copy each; the first subscription, now identified, got no retained message again
		assertThat(plain.payloads).hasSize(23).containsOnlyOnce("kept");
		assertThat(wildcard.payloads).hasSize(22).containsOnlyOnce("kept");
		assertThat(plain.ids.subList(2, 23)).noneMatch(List::isEmpty);
	}

	@Test
	void manyFiltersThatNoTopicMatchesTwiceGoWithoutIdentifiers() throws Exception {
		start();
		List<ReceivedMessages> handlers = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			ReceivedMessages handler = new ReceivedMessages();
			handlers.add(handler);
			this.subscriber.subscribe(manyFilter(i), 1, handler).get(10, TimeUnit.SECONDS);
		}
		for (int i = 0; i < 20; i++) {
			publish(manyFilter(i).replace("+", "x").replace("#", "y"), "m" + i);
		}
		await().atMost(TestClients.await()).until(() -> handlers.stream().allMatch((h) -> h.payloads.size() == 1));
		for (int i = 0; i < 20; i++) {
			assertThat(handlers.get(i).payloads).containsExactly("m" + i);
			assertThat(handlers.get(i).ids).containsExactly(List.of());
		}
	}

	private static String manyFilter(int i) {
		return (i % 2 == 0) ? "many/" + i + "/+" : "many/" + i + "/+/c/#";
	}

	private void start() {
		this.subscriber = TestClients.client("sub", this.broker.uri());
		this.publisher = TestClients.client("pub", this.broker.uri());
		this.subscriber.start();
		this.publisher.start();
		await().atMost(TestClients.await()).until(() -> this.subscriber.isConnected() && this.publisher.isConnected());
	}

	private void publish(String topic, String payload) throws Exception {
		publish(topic, payload, false);
	}

	private void publish(String topic, String payload, boolean retain) throws Exception {
		this.publisher.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, retain).get(10, TimeUnit.SECONDS);
	}

}
