package io.github.mqttboot.client;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;

import io.github.mqttboot.client.driver.ConnectionInfo;
import io.github.mqttboot.client.driver.MqttDriver;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.util.Assert;

/**
 * A supervised MQTT connection: connects on start without blocking startup, reconnects on its
 * own terms, keeps subscriptions across reconnects, buffers publishes while disconnected, and
 * owns and counts every thread it runs.
 *
 * @author mqtt-spring-boot-starter
 * @since 0.1.0
 */
public class ManagedMqttClient implements SmartLifecycle, MqttClientStatus {

	/**
	 * The lifecycle phase: the client starts before and stops after the listeners and
	 * integration endpoints that use it.
	 */
	public static final int PHASE = Integer.MIN_VALUE + 1000;

	private static final Log logger = LogFactory.getLog(ManagedMqttClient.class);

	private final String name;

	private final MqttClientSettings settings;

	private final OwnedThreads threads;

	private final PendingWork pendingWork = new PendingWork();

	private final SubscriptionRegistry subscriptions;

	private final List<MqttClientEvents> eventListeners = new CopyOnWriteArrayList<>();

	private final MqttClientEvents events = new CompositeClientEvents(this.eventListeners);

	private final SupervisorThread supervisorThread;

	private final Publisher publisher;

	private final CallbackExecutor callbacks;

	private final ConnectionSupervisor supervisor;

	private final ClientStateListeners stateListeners;

	private final SubscriptionRequests subscriptionRequests;

	private boolean autoStartup = true;

	/**
	 * Creates a client.
	 * @param name the client's name (its bean name), part of its thread names and meter tags
	 * @param settings its settings
	 * @param driver the MQTT library to use
	 */
	public ManagedMqttClient(String name, MqttClientSettings settings, MqttDriver driver) {
		Assert.hasText(name, "'name' must not be empty");
		Assert.notEmpty(settings.getServerUris(), "At least one server URI is required");
		this.name = name;
		this.settings = settings;
		this.threads = new OwnedThreads(name, settings.isVirtualThreads());
		this.stateListeners = new ClientStateListeners(name);
		this.supervisorThread = new SupervisorThread(this.threads);
		this.subscriptions = new SubscriptionRegistry(name, this.pendingWork, this.events);
		this.callbacks = new CallbackExecutor(this.threads.workerFactory("callback"),
				this.supervisorThread::executor);
		this.publisher = new Publisher(settings.getBufferCapacity(), settings.getMaxInflight(), this.events,
				this.callbacks);
		this.supervisor = new ConnectionSupervisor(settings, driver, this.threads, this.supervisorThread,
				this.subscriptions, this.publisher, this.pendingWork, this.events, this.stateListeners);
		this.subscriptionRequests = new SubscriptionRequests(this.subscriptions, this.supervisorThread,
				this.supervisor, this.callbacks);
	}

	@Override
	public void start() {
		this.callbacks.start();
		this.supervisor.start();
		Duration wait = this.settings.getWaitForConnection();
		if (wait.isZero() || wait.isNegative()) {
			return;
		}
		boolean connected;
		try {
			connected = this.supervisor.awaitFirstConnect(wait);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			connected = false;
		}
		if (!connected) {
			Throwable lastError = this.supervisor.lastError();
			stop();
			throw new MqttConnectionException(this.name, "MQTT client '" + this.name
					+ "' could not connect to the broker at " + this.settings.getServerUris() + " within "
					+ wait.toMillis() + " ms"
					+ ((lastError != null) ? ": " + lastError.getMessage() : ""), lastError);
		}
	}

	@Override
	public void stop() {
		long deadline = System.nanoTime() + this.settings.getShutdownTimeout().toNanos();
		this.supervisor.stop(this.settings.getShutdownTimeout());
		this.callbacks.stop(deadline);
		// after the last event: what listeners run on our threads ends before the check
		this.events.stopped(deadline);
		checkReleased(deadline);
	}

	private void checkReleased(long deadline) {
		if (!this.threads.awaitEnded(deadline)) {
			logger.warn("MQTT client '" + this.name + "' stopped, but " + this.threads.count()
					+ " of its threads are still alive:\n" + this.threads.describe());
		}
	}

	@Override
	public boolean isRunning() {
		ClientState state = this.supervisor.state();
		return state != ClientState.STOPPED;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	@Override
	public boolean isAutoStartup() {
		return this.autoStartup;
	}

	/**
	 * Sets whether the client connects when the application context starts.
	 * @param autoStartup {@code false} to start it yourself with {@link #start()}
	 */
	public void setAutoStartup(boolean autoStartup) {
		this.autoStartup = autoStartup;
	}

	/**
	 * Publishes a message. The future completes on PUBACK/PUBCOMP (QoS 0: when written), also if
	 * the client has to reconnect first; it fails with {@link MqttPublishException} when the
	 * buffer is full, the client stops first, or the broker refuses the message. It is an
	 * {@link OffloadingFuture}: what depends on it runs on the client's callback threads.
	 * @param message the message
	 * @return the outcome
	 */
	public CompletableFuture<PublishResult> publish(OutboundMessage message) {
		TopicFilters.validateTopicName(message.topic());
		Assert.isTrue(message.qos() >= 0 && message.qos() <= 2, "QoS must be 0, 1 or 2");
		MqttPublishInterceptor interceptor = this.settings.getPublishInterceptor();
		return (interceptor != null) ? interceptor.publish(message, this.publisher::publish)
				: this.publisher.publish(message);
	}

	/**
	 * Publishes a payload without MQTT 5 properties, as {@link #publish(OutboundMessage)}.
	 * @param topic the topic
	 * @param payload the payload
	 * @param qos 0, 1 or 2
	 * @param retained whether the broker retains it
	 * @return the outcome
	 */
	public CompletableFuture<PublishResult> publish(String topic, byte[] payload, int qos, boolean retained) {
		return publish(new OutboundMessage(topic, payload, qos, retained, MqttMessageProperties.NONE));
	}

	/**
	 * Creates a future whose dependent stages run on this client's callback threads, never on a
	 * thread that does the connection's I/O: for results that a handler on the reading thread
	 * completes, such as the reply to a request.
	 * @param <T> the result type
	 * @return a new incomplete future
	 */
	public <T> OffloadingFuture<T> newFuture() {
		return new OffloadingFuture<>(this.callbacks);
	}

	/**
	 * Subscribes a handler to a topic filter. The subscription is restored after every reconnect
	 * until {@link #unsubscribe(Subscription) unsubscribed}.
	 * @param filter the topic filter, possibly a shared subscription {@code $share/<group>/...}
	 * @param qos the maximum QoS
	 * @param handler receives the messages, on the driver's reading thread
	 * @return completes on SUBACK while connected, at once otherwise; fails with
	 * {@link MqttSubscriptionException} if the broker refused it
	 */
	public CompletableFuture<Subscription> subscribe(String filter, int qos, MqttMessageHandler handler) {
		return subscribe(filter, qos, SubscriptionOptions.DEFAULTS, handler);
	}

	/**
	 * Subscribes a handler to a topic filter with MQTT 5 subscription options, asked for again on
	 * every reconnect.
	 * @param filter the topic filter, possibly a shared subscription {@code $share/<group>/...}
	 * @param qos the maximum QoS
	 * @param options the subscription options; MQTT 3.1.1 allows only the defaults
	 * @param handler receives the messages, on the driver's reading thread
	 * @return completes on SUBACK while connected, at once otherwise; fails with
	 * {@link MqttSubscriptionException} if the broker refused it
	 * @throws IllegalArgumentException if options other than the defaults are asked of MQTT 3.1.1
	 */
	public CompletableFuture<Subscription> subscribe(String filter, int qos, SubscriptionOptions options,
			MqttMessageHandler handler) {
		TopicFilters.validate(filter);
		Assert.isTrue(qos >= 0 && qos <= 2, "QoS must be 0, 1 or 2");
		Assert.isTrue(options.isDefault() || this.settings.getProtocolVersion() == 5,
				() -> "MQTT 3.1.1 has no subscription options (" + options + " for '" + filter + "')");
		return this.subscriptionRequests.subscribe(new Subscription(filter, qos, options, handler));
	}

	/**
	 * Removes a subscription; unsubscribes its filter from the broker when no other
	 * subscription uses it.
	 * @param subscription the subscription
	 * @return completes on UNSUBACK while connected, at once otherwise
	 */
	public CompletableFuture<Void> unsubscribe(Subscription subscription) {
		return this.subscriptionRequests.unsubscribe(subscription);
	}

	@Override
	public List<Subscription> getSubscriptions() {
		return this.subscriptions.all();
	}

	@Override
	public Map<String, Integer> getRefusedSubscriptions() {
		return this.subscriptions.refused();
	}

	/**
	 * Adds a listener of the client's state changes.
	 * @param listener the listener, called on the thread that changes the state
	 */
	public void addStateListener(ClientStateListener listener) {
		this.stateListeners.add(listener);
	}

	/**
	 * Removes a listener of the client's state changes.
	 * @param listener the listener
	 */
	public void removeStateListener(ClientStateListener listener) {
		this.stateListeners.remove(listener);
	}

	/**
	 * Adds a listener of the client's connection and subscription events.
	 * @param listener the listener
	 */
	public void addEventListener(MqttClientEvents listener) {
		this.eventListeners.add(listener);
	}

	/**
	 * Removes a listener of the client's events.
	 * @param listener the listener
	 */
	public void removeEventListener(MqttClientEvents listener) {
		this.eventListeners.remove(listener);
	}

	@Override
	public String getName() {
		return this.name;
	}

	@Override
	public String getClientId() {
		return this.settings.getClientId();
	}

	/**
	 * Returns the client's settings.
	 * @return the settings
	 */
	public MqttClientSettings getSettings() {
		return this.settings;
	}

	@Override
	public ClientState getState() {
		return this.supervisor.state();
	}

	@Override
	public boolean isConnected() {
		return this.supervisor.state() == ClientState.CONNECTED;
	}

	@Override
	public Instant getStateSince() {
		return this.supervisor.since();
	}

	@Override
	public Throwable getLastError() {
		return this.supervisor.lastError();
	}

	@Override
	public boolean isClientIdConflict() {
		return this.supervisor.conflict() != null;
	}

	@Override
	public String getClientIdConflict() {
		return this.supervisor.conflict();
	}

	@Override
	public int getReconnectAttempts() {
		return this.supervisor.reconnectAttempts();
	}

	@Override
	public ConnectionInfo getConnectionInfo() {
		return this.supervisor.connectionInfo();
	}

	/**
	 * Creates a hand-off from the reading thread to workers that this client owns and counts:
	 * the one way for other parts of the application to run inbound work on threads.
	 * @param <T> the type of the items
	 * @param role the workers' role in their names {@code mqtt-<client>-<role>-<n>}
	 * @param workers the number of workers
	 * @param capacity the bound of each worker's queue
	 * @param processor processes one item on a worker
	 * @return the hand-off, accepting items; its workers run once started
	 */
	public <T> InboundHandOff<T> createInboundHandOff(String role, int workers, int capacity,
			Consumer<? super T> processor) {
		return new InboundHandOff<>(role + " work of MQTT client '" + this.name + "'", workers, capacity, processor,
				this.threads.workerFactory(role), this.pendingWork);
	}

	/**
	 * Runs a quick check periodically on the supervisor thread while the client runs, for
	 * watchdogs of the work it owns.
	 * @param check returns at once and never blocks; a failure is logged and it runs again
	 * @param period the time between two checks
	 * @return the scheduled check, to cancel; {@code null} when the client is not running
	 */
	public ScheduledFuture<?> scheduleCheck(Runnable check, Duration period) {
		return this.supervisorThread.scheduleCheck(check, period);
	}

	@Override
	public int getThreadCount() {
		return this.threads.count();
	}

	@Override
	public List<Thread> getOwnedThreads() {
		return this.threads.snapshot();
	}

	@Override
	public int getPendingWorkCount() {
		return this.pendingWork.count();
	}

	@Override
	public int getStrandedThreads() {
		return this.supervisor.strandedThreads();
	}

	@Override
	public int getInflight() {
		return this.publisher.inflight();
	}

	@Override
	public int getBuffered() {
		return this.publisher.buffered();
	}

}
