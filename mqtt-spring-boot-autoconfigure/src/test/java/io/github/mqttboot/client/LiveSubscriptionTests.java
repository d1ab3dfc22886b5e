package io.github.mqttboot.client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.mqttboot.testsupport.FaultProxy;
import io.github.mqttboot.testsupport.TestBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Subscriptions added and removed while the client runs, against a real broker: also while a
 * connect restores the others (the broker has accepted the connection and the client waits for
 * the SUBACK of its restore, held up by a slow link), and next to others on the same filter.
 */
class LiveSubscriptionTests {

	/** Each way: the restore's SUBACK comes a second after its SUBSCRIBE left. */
	private static final Duration LATENCY = Duration.ofMillis(500);

	/** Larger than everything else the subscriber gets in a test. */
	private static final int LARGE = 100_000;

	@RegisterExtension
	final TestBroker broker = TestBroker.create();

	private FaultProxy proxy;

	private ManagedMqttClient subscriber;

	private ManagedMqttClient publisher;

	@AfterEach
	void stop() {
		TestClients.stop(this.subscriber, this.publisher);
		if (this.proxy != null) {
			this.proxy.close();
		}
	}

	@Test
	void aFilterSubscribedWhileARestoreWaitsForItsSubackIsSubscribedOnThatConnection() throws Exception {
		ReceivedMessages restored = new ReceivedMessages();
		ReceivedMessages added = new ReceivedMessages();
		slowSubscriber();
		startRestoring("restored/+", restored);
		this.subscriber.subscribe("added/+", 1, added).get(10, TimeUnit.SECONDS);
		connectedAndPublishing();
		publish("restored/a", "one");
		publish("added/a", "two");
		await().atMost(TestClients.await()).until(() -> restored.payloads.contains("one"));
		await().atMost(TestClients.await()).until(() -> added.payloads.contains("two"));
	}

	@Test
	void aFilterUnsubscribedWhileARestoreWaitsForItsSubackIsUnsubscribedOnThatConnection() throws Exception {
		ReceivedMessages kept = new ReceivedMessages();
		ReceivedMessages gone = new ReceivedMessages();
		slowSubscriber();
		Subscription goneSubscription = this.subscriber.subscribe("gone/+", 1, gone).get(10, TimeUnit.SECONDS);
		startRestoring("kept/+", kept);
		this.subscriber.unsubscribe(goneSubscription).get(10, TimeUnit.SECONDS);
		connectedAndPublishing();
		long before = this.proxy.bytesToClients();
		publish("gone/a", "x".repeat(LARGE));
		publish("kept/a", "after");
		await().atMost(TestClients.await()).until(() -> kept.payloads.contains("after"));
		assertThat(this.proxy.bytesToClients() - before).as("bytes the broker sent the subscriber")
			.isLessThan(LARGE);
	}

	@Test
	void aSecondSubscriptionToAFilterWithALowerQosKeepsTheHigherOne() throws Exception {
		this.subscriber = TestClients.client("sub", this.broker.uri());
		this.subscriber.start();
		connectedAndPublishing();
		ReceivedMessages first = new ReceivedMessages();
		ReceivedMessages second = new ReceivedMessages();
		this.subscriber.subscribe("qos/+", 1, first).get(10, TimeUnit.SECONDS);
		this.subscriber.subscribe("qos/+", 0, second).get(10, TimeUnit.SECONDS);
		publish("qos/a", "one");
		await().atMost(TestClients.await()).until(() -> first.payloads.contains("one"));
		assertThat(first.qos).containsExactly(1);
	}

	/** A subscriber behind a slow link, not started; its connect takes two seconds. */
	private void slowSubscriber() {
		this.proxy = FaultProxy.to(this.broker.port()).latency(LATENCY);
		this.subscriber = TestClients.client("sub",
				(settings) -> settings.setConnectionTimeout(Duration.ofSeconds(10)), this.proxy.uri());
	}

	/**
	 * Starts the slow subscriber with one more filter, and returns once the restore's SUBSCRIBE
	 * has left: its SUBACK is a second away.
	 */
	private void startRestoring(String filter, ReceivedMessages handler) {
		this.subscriber.subscribe(filter, 1, handler);
		this.subscriber.start();
		// CONNECT, then the restore's SUBSCRIBE, sent once CONNACK arrived
		await().atMost(TestClients.await()).until(() -> this.proxy.readsFromClients() >= 2);
		assertThat(this.subscriber.isConnected()).as("connected before the restore's SUBACK").isFalse();
	}

	private void connectedAndPublishing() {
		await().atMost(TestClients.await()).until(this.subscriber::isConnected);
		if (this.proxy != null) {
			this.proxy.latency(Duration.ZERO);
		}
		this.publisher = TestClients.client("pub", this.broker.uri());
		this.publisher.start();
		await().atMost(TestClients.await()).until(this.publisher::isConnected);
	}

	private void publish(String topic, String payload) throws Exception {
		this.publisher.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false).get(10, TimeUnit.SECONDS);
	}

}
