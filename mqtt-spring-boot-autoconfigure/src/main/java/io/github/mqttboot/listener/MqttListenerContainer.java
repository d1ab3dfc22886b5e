package io.github.mqttboot.listener;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import io.github.mqttboot.client.Failures;
import io.github.mqttboot.client.InboundHandOff;
import io.github.mqttboot.client.InboundMessage;
import io.github.mqttboot.client.ManagedMqttClient;
import io.github.mqttboot.client.MqttClientEvents;
import io.github.mqttboot.client.MqttMessageHandler;
import io.github.mqttboot.client.MqttSubscriptionException;
import io.github.mqttboot.client.Subscription;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;


/**
 * Runs one listener: its subscriptions and its {@link InboundHandOff}. A message goes to the
 * worker chosen by its topic, so that order is kept per topic; when a worker's queue is full the
 * client's reading thread waits, so memory never grows.
 *
 * @author mqtt-spring-boot-starter
 * @since 0.1.0
 */
public class MqttListenerContainer {

	private static final Log logger = LogFactory.getLog(MqttListenerContainer.class);

	/** How long reading waits for a listener to take a message before a QoS 0 one is dropped. */
	private static final long QOS0_PATIENCE_NANOS = Duration.ofMillis(10).toNanos();

	private final MqttListenerEndpoint endpoint;

	private final ManagedMqttClient client;

	private final ListenerInvoker invoker;

	private final ListenerWork work;

	private final MqttListenerObserver observer;

	private final ListenerSettings settings;

	private final AtomicLong received = new AtomicLong();

	private final OverflowWarnings overflow;

	/** The current hand-off, from prepare to stop; {@code null} while stopped. */
	private volatile InboundHandOff<InboundMessage> handOff;

	private final List<Subscription> subscriptions = new ArrayList<>();

	private volatile boolean running;

	/** Stopped by id at run time: not running is then what was asked for. */
	private volatile boolean stoppedOnPurpose;

	/** Subscribed and taking messages into the hand-offs; the workers may not run yet. */
	private volatile boolean accepting;

	private volatile boolean paused;

	/** Orders pause and resume, never held long: a stop holds the container's lock meanwhile. */
	private final Object pausing = new Object();

	/** Counts the starts that subscribed: a SUBACK for an earlier one is not kept. */
	private int subscribingStart;

	/** Stopped with the application: subscribed still, and what arrives stays unacknowledged. */
	private volatile boolean holdingSession;

	/** What the client hands this listener: its messages, and those the driver dropped. */
	private final MqttMessageHandler inbound = new MqttMessageHandler() {

		@Override
		public void handle(InboundMessage message) {
			handOff(message);
		}

		@Override
		public void dropped(InboundMessage message) {
			// counted as a full hand-off's drop: the driver's buffer for lagging listeners was full
			if (MqttListenerContainer.this.accepting) {
				MqttListenerContainer.this.received.incrementAndGet();
				MqttListenerContainer.this.observer.received(MqttListenerContainer.this.endpoint.id(), message.qos());
				MqttListenerContainer.this.overflow.dropped();
			}
		}

	};

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
		this.work = new ListenerWork(endpoint, client.getName(), invoker, failures, observer, settings);
		this.overflow = new OverflowWarnings(endpoint.id(), observer);
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
		synchronized (this.pausing) {
			this.handOff = this.work.newHandOff(this.client);
			if (this.paused) {
				this.handOff.pause();
			}
		}
		this.accepting = true;
		this.client.addEventListener(this.subackWatcher);
		if (this.holdingSession) {
			// subscribed since the application stopped last: the session kept collecting
			this.holdingSession = false;
			return;
		}
		int start = ++this.subscribingStart;
		for (String filter : this.endpoint.filters()) {
			this.client.subscribe(filter, this.endpoint.qos(), this.endpoint.subscriptionOptions(), this.inbound)
				.whenComplete((subscription, failure) -> subscribed(start, subscription, Failures.unwrap(failure)));
		}
	}

	private synchronized void subscribed(int start, Subscription subscription, Throwable failure) {
		Subscription held = subscription;
		if (failure instanceof MqttSubscriptionException refused) {
			// stays registered and asked for again on every reconnect: held, so stop removes it
			held = refused.getSubscription();
		}
		else if (failure != null) {
			logger.warn("Listener '" + this.endpoint.id() + "' could not subscribe: " + failure.getMessage());
		}
		if (held == null) {
			return;
		}
		if ((this.accepting || this.holdingSession) && start == this.subscribingStart) {
			this.subscriptions.add(held);
		}
		else {
			this.client.unsubscribe(held);
		}
	}

	/** Subscribes if not yet done, then starts the workers. */
	public synchronized void start() {
		if (this.running) {
			return;
		}
		prepare();
		this.running = true;
		this.stoppedOnPurpose = false;
		this.handOff.start();
	}

	/**
	 * Stops at run time: unsubscribes, lets the workers finish what was handed to them within
	 * the timeout, then ends them.
	 * @param timeout the longest wait for queued work
	 */
	public synchronized void stop(Duration timeout) {
		this.stoppedOnPurpose = true;
		this.subscriptions.forEach(this.client::unsubscribe);
		this.subscriptions.clear();
		this.holdingSession = false;
		if (this.accepting) {
			finish(timeout);
		}
	}

	/**
	 * Stops with the application: lets the workers finish within the timeout but never
	 * unsubscribes, so that a persistent session keeps collecting messages for the next start.
	 * Messages that still arrive are left unacknowledged, and the broker sends them again.
	 * @param timeout the longest wait for queued work
	 */
	public synchronized void shutdown(Duration timeout) {
		if (!this.accepting) {
			return;
		}
		this.holdingSession = true;
		finish(timeout);
	}

	private void finish(Duration timeout) {
		this.client.removeEventListener(this.subackWatcher);
		this.accepting = false;
		this.running = false;
		this.handOff.finish(System.nanoTime() + timeout.toNanos());
		this.handOff = null;
	}

	/** Stops taking messages from the hand-off; the subscription stays. */
	public void pause() {
		synchronized (this.pausing) {
			this.paused = true;
			InboundHandOff<InboundMessage> current = this.handOff;
			if (current != null) {
				current.pause();
			}
		}
	}

	/** Takes messages from the hand-off again after {@link #pause()}. */
	public void resume() {
		synchronized (this.pausing) {
			this.paused = false;
			InboundHandOff<InboundMessage> current = this.handOff;
			if (current != null) {
				current.resume();
			}
		}
	}

	/** A refusal stops only this subscription: the listener's others and other listeners go on. */
	private void subackReceived(String filter, int reasonCode) {
		// every container hears every SUBACK: a grant, the usual case, costs no look at the filters
		if (reasonCode < 0x80 || !this.endpoint.filters().contains(filter)) {
			return;
		}
		this.observer.subscriptionRefused(this.endpoint.id(), filter, reasonCode);
		logger.error("Listener '" + this.endpoint.id() + "': the broker refused its subscription to '" + filter
				+ "' with reason code 0x" + Integer.toHexString(reasonCode) + "; it receives nothing from it");
	}

	/** Runs on the client's reading thread: hand off, or wait while the hand-off is full. */
	private void handOff(InboundMessage message) {
		InboundHandOff<InboundMessage> current = this.handOff;
		if (current == null || !this.accepting) {
			if (this.holdingSession) {
				// never acknowledged: the broker sends it again to the next start
				message.retain();
			}
			return;
		}
		// an oversized payload stays behind, so that a flood of them fills no queue: the worker
		// takes the error path with the headers (see ListenerWork)
		InboundMessage handed = (message.payload().length > this.settings.maxPayloadBytes())
				? message.withoutPayload() : message.retain();
		this.received.incrementAndGet();
		this.observer.received(this.endpoint.id(), handed.qos());
		if (!this.settings.ackAfterHandler()) {
			handed.release();
		}
		if (handed.qos() == 0 && this.settings.dropQos0WhenFull()) {
			// QoS 0 has no flow control: reading waits only for a listener that keeps taking
			// messages, so a burst is not lost, and a stuck or paused one holds up nothing
			if (!current.offer(handed.topic(), handed, QOS0_PATIENCE_NANOS)) {
				if (this.settings.ackAfterHandler()) {
					handed.release();
				}
				this.overflow.dropped();
			}
			return;
		}
		// false once stopped: the message stays unacknowledged, and the broker may send it again
		current.put(handed.topic(), handed);
	}

	/**
	 * Returns the listener's id.
	 * @return the id
	 */
	public String getId() {
		return this.endpoint.id();
	}

	/**
	 * Returns what the listener was declared with.
	 * @return the endpoint
	 */
	public MqttListenerEndpoint getEndpoint() {
		return this.endpoint;
	}

	/**
	 * Returns whether the listener was started and not stopped.
	 * @return whether it runs
	 */
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * What the listener is doing now: stopped, refused, paused, stalled or running, in that
	 * order of precedence.
	 * @return the state
	 */
	public ListenerState getState() {
		InboundHandOff<InboundMessage> current = this.handOff;
		if (!this.running || current == null || !current.isAlive()) {
			return ListenerState.STOPPED;
		}
		if (!getRefusedSubscriptions().isEmpty()) {
			return ListenerState.REFUSED;
		}
		if (this.paused) {
			return ListenerState.PAUSED;
		}
		long stallNanos = this.settings.stallTimeout().toNanos();
		return (current.longestCallNanos() > stallNanos || current.longestStandstillNanos() > stallNanos)
				? ListenerState.STALLED : ListenerState.RUNNING;
	}

	/**
	 * Whether the listener should be running: it starts with the application and was not
	 * stopped by id. Such a listener that is stalled, refused or stopped is a failure.
	 * @return {@code true} if expected to run
	 */
	public boolean isExpectedToRun() {
		return Boolean.TRUE.equals(this.endpoint.autoStartup()) && !this.stoppedOnPurpose;
	}

	/**
	 * Returns the messages in this listener's hand-off, not yet taken by a worker.
	 * @return the count
	 */
	public int getQueued() {
		InboundHandOff<InboundMessage> current = this.handOff;
		return (current != null) ? current.queued() : 0;
	}

	/**
	 * Returns how long the longest handler call under way has been running.
	 * @return the duration, zero when none runs
	 */
	public Duration getLongestCall() {
		InboundHandOff<InboundMessage> current = this.handOff;
		return Duration.ofNanos((current != null) ? current.longestCallNanos() : 0);
	}

	/**
	 * Returns whether the listener is paused.
	 * @return whether it is paused
	 */
	public boolean isPaused() {
		return this.paused;
	}

	/**
	 * Returns the messages handed to this listener.
	 * @return the count
	 */
	public long getReceivedCount() {
		return this.received.get();
	}

	/**
	 * Returns this listener's filters that the broker refused in its last SUBACK for them.
	 * @return the refused filters, each with its reason code
	 */
	public Map<String, Integer> getRefusedSubscriptions() {
		return this.client.getRefusedSubscriptions()
			.entrySet()
			.stream()
			.filter((refused) -> this.endpoint.filters().contains(refused.getKey()))
			.collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
	}

	/**
	 * Returns the messages this listener failed on.
	 * @return the count
	 */
	public long getErrorCount() {
		return this.work.errorCount();
	}

}
