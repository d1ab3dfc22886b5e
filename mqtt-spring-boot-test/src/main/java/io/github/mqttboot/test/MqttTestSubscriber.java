package io.github.mqttboot.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * Subscribes to topics with a plain Paho MQTT 5 client, independent of the application's
 * client, and waits for what arrives: the observer side of a test.
 *
 * <pre class="code">
 * try (MqttTestSubscriber subscriber = MqttTestSubscriber.subscribe(broker.getServerUri(), "alerts/#")) {
 * 	application.raiseAlert();
 * 	assertThat(subscriber.awaitMessage(Duration.ofSeconds(10)).payloadAsString()).contains("overheat");
 * }
 * </pre>
 *
 * Every wait has a deadline; {@link #close()} ends the client's threads (all named
 * {@code mqtt-test-subscriber-<n>}) before it returns.
 *
 * @author mqtt-spring-boot-starter
 */
public final class MqttTestSubscriber implements AutoCloseable {

	private static final long CONNECT_TIMEOUT_MILLIS = 10_000;

	private static final AtomicInteger threadCount = new AtomicInteger();

	private final List<Thread> threads = new CopyOnWriteArrayList<>();

	private final ScheduledExecutorService executor = new ScheduledThreadPoolExecutor(4, this::newThread);

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition arrived = this.lock.newCondition();

	private final List<ReceivedMqttMessage> received = new ArrayList<>();

	private final MqttAsyncClient client;

	private MqttTestSubscriber(String serverUri) throws MqttException {
		this.client = new MqttAsyncClient(serverUri, "test-subscriber-" + UUID.randomUUID(), new MemoryPersistence(),
				null, this.executor);
		this.client.setCallback(new Callback());
	}

	/**
	 * Connect to the broker and subscribe to the topic filters with QoS 1, waiting (at most
	 * 10 s) for the broker's SUBACK, so that nothing published afterwards is missed.
	 * @param serverUri the broker, for example {@link TestMqttBroker#getServerUri()}
	 * @param topicFilters the topic filters; wildcards allowed
	 * @return the subscriber, to close after the test
	 */
	public static MqttTestSubscriber subscribe(String serverUri, String... topicFilters) {
		MqttTestSubscriber subscriber = null;
		try {
			subscriber = new MqttTestSubscriber(serverUri);
			MqttConnectionOptions options = new MqttConnectionOptions();
			options.setConnectionTimeout((int) TimeUnit.MILLISECONDS.toSeconds(CONNECT_TIMEOUT_MILLIS));
			subscriber.client.connect(options).waitForCompletion(CONNECT_TIMEOUT_MILLIS);
			MqttSubscription[] subscriptions = new MqttSubscription[topicFilters.length];
			for (int i = 0; i < topicFilters.length; i++) {
				subscriptions[i] = new MqttSubscription(topicFilters[i], 1);
			}
			IMqttToken subscribed = subscriber.client.subscribe(subscriptions);
			subscribed.waitForCompletion(CONNECT_TIMEOUT_MILLIS);
			for (int reasonCode : subscribed.getReasonCodes()) {
				if (reasonCode > 2) {
					throw new IllegalStateException("Broker refused subscription to " + List.of(topicFilters)
							+ ": reason code " + reasonCode);
				}
			}
			return subscriber;
		}
		catch (MqttException | RuntimeException ex) {
			if (subscriber != null) {
				subscriber.close();
			}
			throw new IllegalStateException("Cannot subscribe to " + List.of(topicFilters) + " on " + serverUri, ex);
		}
	}

	/**
	 * Wait until at least {@code count} messages have arrived.
	 * @param count how many messages
	 * @param timeout how long to wait at most
	 * @return the first {@code count} messages, in arrival order
	 * @throws AssertionError when fewer arrived in time, listing those that did
	 */
	public List<ReceivedMqttMessage> awaitMessages(int count, Duration timeout) {
		long remaining = timeout.toNanos();
		this.lock.lock();
		try {
			while (this.received.size() < count) {
				if (remaining <= 0) {
					throw new AssertionError("Expected " + count + " messages within " + timeout + " but received "
							+ this.received.size() + ": " + this.received);
				}
				remaining = this.arrived.awaitNanos(remaining);
			}
			return List.copyOf(this.received.subList(0, count));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("Interrupted while awaiting " + count + " messages", ex);
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Wait for the first message.
	 * @param timeout how long to wait at most
	 * @return the first message received
	 * @throws AssertionError when none arrived in time
	 */
	public ReceivedMqttMessage awaitMessage(Duration timeout) {
		return awaitMessages(1, timeout).get(0);
	}

	/**
	 * Return the messages received so far.
	 * @return a snapshot, in arrival order
	 */
	public List<ReceivedMqttMessage> getMessages() {
		this.lock.lock();
		try {
			return List.copyOf(this.received);
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Disconnect without waiting on the broker, close the client and end its threads
	 * (waiting at most 10 s).
	 */
	@Override
	public void close() {
		try {
			this.client.disconnectForcibly(0, 0, false);
		}
		catch (MqttException ex) {
			// not connected
		}
		try {
			this.client.close(true);
		}
		catch (MqttException ex) {
			// closing is best effort; the executor below ends the threads regardless
		}
		this.executor.shutdownNow();
		try {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
			// a terminated pool can still have workers between their last task and their end,
			// under the names Paho gave them: join them so that none is seen after close()
			for (Thread thread : this.threads) {
				long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
				if (remainingMillis > 0) {
					thread.join(remainingMillis);
				}
				if (thread.isAlive()) {
					throw new IllegalStateException("Test subscriber thread " + thread.getName()
							+ " did not end within 10 s");
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private Thread newThread(Runnable task) {
		Thread thread = new Thread(task, "mqtt-test-subscriber-" + threadCount.incrementAndGet());
		this.threads.add(thread);
		return thread;
	}

	private void add(ReceivedMqttMessage message) {
		this.lock.lock();
		try {
			this.received.add(message);
			this.arrived.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	private final class Callback implements MqttCallback {

		@Override
		public void messageArrived(String topic, MqttMessage message) {
			add(new ReceivedMqttMessage(topic, message.getPayload(), message.getQos(), message.isRetained()));
		}

		@Override
		public void disconnected(MqttDisconnectResponse response) {
		}

		@Override
		public void mqttErrorOccurred(MqttException exception) {
		}

		@Override
		public void deliveryComplete(IMqttToken token) {
		}

		@Override
		public void connectComplete(boolean reconnect, String serverUri) {
		}

		@Override
		public void authPacketArrived(int reasonCode, MqttProperties properties) {
		}

	}

}
