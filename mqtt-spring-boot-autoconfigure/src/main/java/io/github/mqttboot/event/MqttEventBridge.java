package io.github.mqttboot.event;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.github.mqttboot.client.InboundHandOff;
import io.github.mqttboot.client.ManagedMqttClient;
import io.github.mqttboot.client.MqttClientEvents;
import io.github.mqttboot.client.OncePerMinute;
import io.github.mqttboot.client.driver.ConnectionInfo;
import io.github.mqttboot.listener.MqttListenerObserver;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

/**
 * Turns what a {@link ManagedMqttClient} and its listeners report into {@link MqttClientEvent}s
 * and publishes them on the client's own {@code mqtt-<client>-events-<n>} thread, in order. The
 * client's threads only queue an event, without waiting: a slow or blocking event listener never
 * holds up the connection. When the queue is full, further events are dropped, counted and
 * warned about at most once a minute. Starts before the client and stops after it; the client's
 * stop ends the events thread, after the last event.
 *
 * @author mqtt-spring-boot-starter
 */
public class MqttEventBridge implements MqttClientEvents, MqttListenerObserver, SmartLifecycle {

	/** How many events may wait for the application's listeners by default. */
	public static final int DEFAULT_CAPACITY = 1000;

	private static final Log logger = LogFactory.getLog(MqttEventBridge.class);

	private final ManagedMqttClient client;

	private final ApplicationEventPublisher publisher;

	private final int capacity;

	private final AtomicLong dropped = new AtomicLong();

	private final OncePerMinute drops = new OncePerMinute();

	// created at the first event of each run of the client: no thread while nothing happens
	private InboundHandOff<MqttClientEvent> handOff;

	private volatile boolean running;

	/**
	 * Creates a bridge with the default capacity.
	 * @param client the client whose events to publish
	 * @param publisher publishes them, usually the application context
	 */
	public MqttEventBridge(ManagedMqttClient client, ApplicationEventPublisher publisher) {
		this(client, publisher, DEFAULT_CAPACITY);
	}

	/**
	 * Creates a bridge.
	 * @param client the client whose events to publish
	 * @param publisher publishes them, usually the application context
	 * @param capacity how many events may wait for the application's listeners
	 */
	public MqttEventBridge(ManagedMqttClient client, ApplicationEventPublisher publisher, int capacity) {
		this.client = client;
		this.publisher = publisher;
		this.capacity = capacity;
	}

	@Override
	public void start() {
		this.running = true;
		this.client.addEventListener(this);
	}

	@Override
	public void stop() {
		this.client.removeEventListener(this);
		this.running = false;
		// ended by the client's stop already, unless the client never ran
		stopped(System.nanoTime() + this.client.getSettings().getShutdownTimeout().toNanos());
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Returns a phase just below the client's: the bridge starts before the client and stops
	 * after it, so that it sees the client's first and last events.
	 * @return {@code ManagedMqttClient.PHASE - 1}
	 */
	@Override
	public int getPhase() {
		return ManagedMqttClient.PHASE - 1;
	}

	/**
	 * Returns the number of events dropped because the queue was full.
	 * @return the count since creation
	 */
	public long getDroppedEvents() {
		return this.dropped.get();
	}

	@Override
	public void connected(ConnectionInfo info) {
		publish(new MqttConnectedEvent(this.client, info.serverUri(), info.sessionPresent()));
	}

	@Override
	public void connectFailed(URI serverUri, Throwable cause, int attempt, Duration nextDelay) {
		publish(new MqttConnectFailedEvent(this.client, serverUri, cause, attempt, nextDelay));
	}

	@Override
	public void connectionLost(Throwable cause) {
		publish(new MqttConnectionLostEvent(this.client, cause));
	}

	@Override
	public void conflict(String clientId, String description) {
		publish(new MqttClientIdConflictEvent(this.client, clientId, description));
	}

	// every subscription's refusal, a listener's or not; the listener observer's is the same one
	@Override
	public void subscribed(String filter, int reasonCode) {
		if (reasonCode >= 0x80) {
			publish(new MqttSubscriptionRefusedEvent(this.client, filter, reasonCode));
		}
	}

	@Override
	public boolean observes(String clientName) {
		return this.client.getName().equals(clientName);
	}

	@Override
	public void stalled(String listenerId, String description) {
		publish(new MqttListenerStalledEvent(this.client, listenerId, description));
	}

	@Override
	public void recovered(String listenerId) {
		publish(new MqttListenerRecoveredEvent(this.client, listenerId));
	}

	@Override
	public void stopped(long deadlineNanos) {
		InboundHandOff<MqttClientEvent> ended;
		synchronized (this) {
			ended = this.handOff;
			this.handOff = null;
		}
		if (ended != null) {
			ended.finish(deadlineNanos);
		}
	}

	private void publish(MqttClientEvent event) {
		InboundHandOff<MqttClientEvent> events = handOff();
		if (events != null && !events.offer(this, event)) {
			dropped(event);
		}
	}

	private synchronized InboundHandOff<MqttClientEvent> handOff() {
		if (this.handOff == null && this.running && this.client.isRunning()) {
			this.handOff = this.client.createInboundHandOff("events", 1, this.capacity, this::deliver);
			this.handOff.start();
		}
		return this.handOff;
	}

	private void deliver(MqttClientEvent event) {
		try {
			this.publisher.publishEvent(event);
		}
		catch (OutOfMemoryError ex) {
			throw ex;
		}
		catch (Throwable ex) {
			// an Error too (a class missing from the listener's code): the next event goes on as usual
			logger.warn("A listener of " + event.getClass().getSimpleName() + " of MQTT client '"
					+ event.getClientName() + "' failed", ex);
		}
	}

	private void dropped(MqttClientEvent event) {
		this.dropped.incrementAndGet();
		long unreported = this.drops.occurred();
		if (unreported > 0) {
			logger.warn("Event listeners of MQTT client '" + event.getClientName() + "' are slow: dropped "
					+ unreported + " event(s) since the last warning, the latest a "
					+ event.getClass().getSimpleName() + " (" + this.capacity + " wait at most)");
		}
	}

}
