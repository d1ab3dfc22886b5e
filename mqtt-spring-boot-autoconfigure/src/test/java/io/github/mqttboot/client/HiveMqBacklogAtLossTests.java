package io.github.mqttboot.client;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.mqttboot.testsupport.FaultProxy;
import io.github.mqttboot.testsupport.TestBroker;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The HiveMQ driver keeps reading while a handler lags, and holds the QoS 0 backlog itself. When
 * the connection ends with a backlog, every message of it is either handled or reported dropped
 * (and so counted): none goes unseen with the connection's callback thread.
 */
class HiveMqBacklogAtLossTests {

	private static final int MESSAGES = 2000;

	@RegisterExtension
	static final TestBroker broker = TestBroker.create();

	@ParameterizedTest
	@EnumSource(names = { "HIVEMQ_V5", "HIVEMQ_V3" })
	void aQos0BacklogIsHandledOrReportedDroppedWhenTheConnectionEnds(DriverPair pair) throws Exception {
		try (FaultProxy proxy = FaultProxy.to(broker.port())) {
			ManagedMqttClient subscriber = TestClients.client(pair, "backlog", proxy.uri());
			ManagedMqttClient publisher = TestClients.client(pair, "backlog-publisher", broker.uri());
			CountDownLatch release = new CountDownLatch(1);
			AtomicInteger handled = new AtomicInteger();
			AtomicInteger dropped = new AtomicInteger();
			subscriber.subscribe("backlog/t", 0, new MqttMessageHandler() {

				@Override
				public void handle(InboundMessage message) throws Exception {
					handled.incrementAndGet();
					// the first holds the callback thread: the rest wait in the driver's backlog
					release.await(30, TimeUnit.SECONDS);
				}

				@Override
				public void dropped(InboundMessage message) {
					dropped.incrementAndGet();
				}

			});
			subscriber.start();
			publisher.start();
			try {
				await().atMost(TestClients.await()).until(() -> subscriber.isConnected() && publisher.isConnected()
						&& subscriber.getSubscriptions().get(0).reasonCode() >= 0);
				long before = proxy.bytesToClients();
				for (int i = 0; i < MESSAGES; i++) {
					publisher.publish("backlog/t", String.format("%04d", i).getBytes(StandardCharsets.UTF_8), 0, false);
				}
				// every PUBLISH read by the client: fixed header, topic, (properties,) payload
				long packet = 2 + 2 + "backlog/t".length() + (pair.isMqtt5() ? 1 : 0) + 4;
				await().atMost(TestClients.await()).until(() -> proxy.bytesToClients() - before >= MESSAGES * packet);
				proxy.resetEstablished();
				await().atMost(TestClients.await()).until(() -> handled.get() + dropped.get() == MESSAGES);
				assertThat(dropped).hasPositiveValue();
			}
			finally {
				release.countDown();
				TestClients.stop(subscriber, publisher);
			}
		}
	}

}
