package io.github.mqttboot.listener;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.github.mqttboot.client.InboundMessage;
import io.github.mqttboot.client.ManagedMqttClient;
import io.github.mqttboot.client.MqttClientEvents;
import io.github.mqttboot.client.Subscription;
import io.github.mqttboot.observation.MqttObservations;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Runs one listener: its subscriptions, a bounded hand-off per worker and the workers. A message
 * goes to the worker chosen by its topic, so that order is kept per topic; when a worker's
 * hand-off is full the client's reading thread waits, so memory never grows.
 *
 * @author mqtt-spring-boot-starter
 */
public class MqttListenerContainer {

	private static final Log logger = LogFactory.getLog(MqttListenerContainer.class);

	private final MqttListenerEndpoint endpoint;

	private final ManagedMqttClient client;

	private final ListenerInvoker invoker;

	private final ListenerFailures failures;

	private final MqttListenerObserver observer;

	private final ListenerSettings settings;

	private final AtomicLong received = new AtomicLong();

	private final AtomicLong errors = new AtomicLong();

	private final Object pauseLock = new Object();

	private volatile List<Worker> workers = List.of();

	/** Hand-offs under way on the reading thread; stop waits for them before ending workers. */
	private final java.util.concurrent.atomic.AtomicInteger handOffs = new java.util.concurrent.atomic.AtomicInteger();

	private final List<Subscription> subscriptions = new ArrayList<>();

	private volatile boolean running;

	/** Subscribed and taking messages into the hand-offs; the workers may not run yet. */
	private volatile boolean accepting;

	private volatile boolean paused;

	/** This listener's filters the broker refused, with the reason code. */
	private final Map<String, Integer> refused = new ConcurrentHashMap<>();

	private final MqttClientEvents subackWatcher = new MqttClientEvents() {

		@Override
		public void subscribed(String filter, int reasonCode) {
			subackReceived(filter, reasonCode);
		}

	};

	MqttListenerContainer(MqttListenerEndpoint endpoint, ManagedMqttClient client, ListenerInvoker invoker,
			ListenerFailures failures, MqttListenerObserver observer, ListenerSettings settings) {
		this.endpoint = endpoint;
		this.client = client;
		this.invoker = invoker;
		this.failures = failures;
		this.observer = observer;
		this.settings = settings;
	}

	/**
	 * Subscribes and starts taking messages into the hand-offs, before the workers run. Called
	 * at registration for listeners that start with the application, so that the subscriptions
	 * exist before the client's first connect: a persistent session delivers its queued messages
	 * right after CONNACK, and nothing may be acknowledged before a listener holds it.
	 */
	public synchronized void prepare() {
		if (this.accepting) {
			return;
		}
		// each worker may receive every in-flight message (one topic): the whole capacity each
		int capacity = Math.max(1, this.settings.queueCapacity());
		List<Worker> prepared = new ArrayList<>();
		for (int i = 0; i < this.endpoint.concurrency(); i++) {
			prepared.add(new Worker(new ArrayBlockingQueue<>(capacity)));
		}
		this.workers = List.copyOf(prepared);
		this.accepting = true;
		this.client.addEventListener(this.subackWatcher);
		List<CompletableFuture<Subscription>> pending = new ArrayList<>();
		for (String filter : this.endpoint.filters()) {
			pending.add(this.client.subscribe(filter, this.endpoint.qos(), this::handOff));
		}
		for (CompletableFuture<Subscription> future : pending) {
			future.whenComplete((subscription, failure) -> {
				if (failure != null) {
					logger.warn("Listener '" + this.endpoint.id() + "' could not subscribe: " + failure.getMessage());
				}
			});
			Subscription subscription = future.getNow(null);
			if (subscription != null) {
				this.subscriptions.add(subscription);
			}
			else {
				future.thenAccept(this::addSubscription);
			}
		}
	}

	/** Subscribes if not yet done, then starts the workers. */
	public synchronized void start() {
		if (this.running) {
			return;
		}
		prepare();
		this.running = true;
		for (Worker worker : this.workers) {
			worker.thread = this.client.getThreads().factory("listener", false).newThread(worker);
			worker.thread.start();
		}
	}

	private synchronized void addSubscription(Subscription subscription) {
		if (this.accepting) {
			this.subscriptions.add(subscription);
		}
		else {
			this.client.unsubscribe(subscription);
		}
	}

	/**
	 * Unsubscribes, lets the workers finish what was handed to them within the timeout, then
	 * ends them.
	 * @param timeout the longest wait for queued work
	 */
	public synchronized void stop(Duration timeout) {
		if (!this.accepting) {
			return;
		}
		this.client.removeEventListener(this.subackWatcher);
		this.subscriptions.forEach(this.client::unsubscribe);
		this.subscriptions.clear();
		this.refused.clear();
		this.accepting = false;
		this.running = false;
		resume();
		long deadline = System.nanoTime() + timeout.toNanos();
		// a hand-off that saw the listener running finishes before the workers may end
		while (this.handOffs.get() > 0 && System.nanoTime() < deadline) {
			java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
		}
		for (Worker worker : this.workers) {
			worker.finish(deadline);
		}
		this.workers = List.of();
	}

	/** Stops taking messages from the hand-off; the subscription stays. */
	public void pause() {
		this.paused = true;
	}

	public void resume() {
		synchronized (this.pauseLock) {
			this.paused = false;
			this.pauseLock.notifyAll();
		}
	}

	/** A refusal stops only this subscription: the listener's others and other listeners go on. */
	private void subackReceived(String filter, int reasonCode) {
		if (!this.endpoint.filters().contains(filter)) {
			return;
		}
		if (reasonCode < 0x80) {
			this.refused.remove(filter);
			return;
		}
		this.refused.put(filter, reasonCode);
		this.observer.subscriptionRefused(this.endpoint.id(), filter, reasonCode);
		logger.error("Listener '" + this.endpoint.id() + "': the broker refused its subscription to '" + filter
				+ "' with reason code 0x" + Integer.toHexString(reasonCode) + "; it receives nothing from it");
	}

	/** Runs on the client's reading thread: hand off, or wait while the hand-off is full. */
	private void handOff(InboundMessage message) throws InterruptedException {
		this.handOffs.incrementAndGet();
		try {
			if (this.accepting) {
				handOffAccepted(message);
			}
		}
		finally {
			this.handOffs.decrementAndGet();
		}
	}

	private void handOffAccepted(InboundMessage message) throws InterruptedException {
		if (message.payload().length > this.settings.maxPayloadBytes()) {
			rejectOversized(message);
			return;
		}
		message.retain();
		this.client.getPendingWork().begin();
		this.received.incrementAndGet();
		this.observer.received(this.endpoint.id(), message.qos());
		if (!this.settings.ackAfterHandler()) {
			message.release();
		}
		List<Worker> current = this.workers;
		Worker worker = current.get(Math.floorMod(message.topic().hashCode(), current.size()));
		worker.queue.put(message);
	}

	/**
	 * An oversized payload never enters a hand-off, where it would be held with up to
	 * queue-capacity others: the error path gets its headers and an empty payload, on the
	 * reading thread, and the message is acknowledged (sending it again would not help).
	 */
	private void rejectOversized(InboundMessage message) {
		this.received.incrementAndGet();
		this.errors.incrementAndGet();
		this.observer.received(this.endpoint.id(), message.qos());
		Message<byte[]> headersOnly = MessageBuilder.withPayload(new byte[0])
			.copyHeaders(this.invoker.toMessage(message).getHeaders())
			.build();
		this.failures.handle(this.endpoint, headersOnly, new MqttListenerException(this.endpoint.id(),
				message.topic(), "payload of " + message.payload().length + " bytes exceeds "
						+ "mqtt.listener.max-payload-size (" + this.settings.maxPayloadBytes() + " bytes)",
				null));
		this.observer.handled(this.endpoint.id(), false, 0);
	}

	private void process(InboundMessage message) {
		long start = System.nanoTime();
		boolean success = false;
		Message<byte[]> springMessage = this.invoker.toMessage(message);
		try {
			invoke(springMessage);
			success = true;
		}
		catch (Exception ex) {
			this.errors.incrementAndGet();
			this.failures.handle(this.endpoint, springMessage, ex);
		}
		finally {
			this.observer.handled(this.endpoint.id(), success, System.nanoTime() - start);
			if (this.settings.ackAfterHandler()) {
				message.release();
			}
			this.client.getPendingWork().end();
		}
	}

	private void invoke(Message<byte[]> message) throws Exception {
		ObservationRegistry registry = this.settings.observationRegistry();
		if (registry == null || registry.isNoop()) {
			this.invoker.invoke(message);
			return;
		}
		MqttObservations.listener(registry, this.endpoint.id(), message).observeChecked(() -> this.invoker.invoke(message));
	}

	private void awaitUnpaused() throws InterruptedException {
		synchronized (this.pauseLock) {
			while (this.paused) {
				this.pauseLock.wait();
			}
		}
	}

	public String getId() {
		return this.endpoint.id();
	}

	public MqttListenerEndpoint getEndpoint() {
		return this.endpoint;
	}

	public boolean isRunning() {
		return this.running;
	}

	public boolean isPaused() {
		return this.paused;
	}

	/** Messages handed to this listener. */
	public long getReceivedCount() {
		return this.received.get();
	}

	/** This listener's filters the broker refused in its last SUBACK, with the reason code. */
	public Map<String, Integer> getRefusedSubscriptions() {
		return Map.copyOf(this.refused);
	}

	/** Messages this listener failed on. */
	public long getErrorCount() {
		return this.errors.get();
	}

	/** One worker: its hand-off and its thread. */
	private final class Worker implements Runnable {

		private final BlockingQueue<InboundMessage> queue;

		private volatile boolean finishing;

		private Thread thread;

		Worker(BlockingQueue<InboundMessage> queue) {
			this.queue = queue;
		}

		@Override
		public void run() {
			try {
				while (!this.finishing || !this.queue.isEmpty()) {
					InboundMessage message = this.queue.poll(100, TimeUnit.MILLISECONDS);
					if (message != null) {
						awaitUnpaused();
						process(message);
					}
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				abandonQueued();
			}
		}

		/** Work left when the deadline passed: release it unhandled, the broker may send it again. */
		private void abandonQueued() {
			InboundMessage message;
			while ((message = this.queue.poll()) != null) {
				MqttListenerContainer.this.client.getPendingWork().end();
			}
		}

		void finish(long deadlineNanos) {
			this.finishing = true;
			if (this.thread == null) {
				abandonQueued();
				return;
			}
			try {
				this.thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime())));
				if (this.thread.isAlive()) {
					logger.warn("Listener '" + getId() + "' did not finish its queued work in time; interrupting "
							+ this.thread.getName());
					this.thread.interrupt();
					this.thread.join(1000);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			abandonQueued();
		}

	}

}
