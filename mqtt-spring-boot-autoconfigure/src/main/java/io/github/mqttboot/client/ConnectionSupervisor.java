package io.github.mqttboot.client;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.mqttboot.client.driver.ConnectRequest;
import io.github.mqttboot.client.driver.ConnectionInfo;
import io.github.mqttboot.client.driver.DriverConnection;
import io.github.mqttboot.client.driver.MqttDriver;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Owns the connection of one client: one attempt at a time, each bounded by our own CONNACK
 * deadline, failover across the server URIs, exponential backoff with jitter between rounds.
 * Connection work runs on the single supervisor thread, so no two attempts can race; the state
 * moves only through {@link ClientStateMachine}, where a stop always wins.
 *
 * @author mqtt-spring-boot-starter
 */
final class ConnectionSupervisor {

	private static final Log logger = LogFactory.getLog(ConnectionSupervisor.class);

	private final MqttClientSettings settings;

	private final MqttDriver driver;

	private final OwnedThreads threads;

	private final SubscriptionRegistry subscriptions;

	private final Publisher publisher;

	private final PendingWork pendingWork;

	private final MqttClientEvents events;

	private final ClientStateMachine status;

	private final SupervisorThread thread;

	/** The current run's; a new one for each start, so that a thread of an ended run knows it. */
	private volatile ScheduledThreadPoolExecutor executor;

	private volatile Throwable lastError;

	private volatile int reconnectAttempts;

	private volatile ConnectionInfo connectionInfo;

	private final ConnectionDiagnostics diagnostics;

	private final ConnectionStability stability;

	private final ConnectFailureLog failureLog;

	private DriverConnection attempt;

	private ScheduledFuture<?> attemptDeadline;

	private ScheduledFuture<?> nextAttempt;

	private DriverConnection connection;

	/** Accepted by the broker, subscriptions being restored: neither attempt nor connection yet. */
	private DriverConnection restoring;

	private int uriIndex;

	private CompletableFuture<Void> firstConnect = new CompletableFuture<>();

	ConnectionSupervisor(MqttClientSettings settings, MqttDriver driver, OwnedThreads threads, SupervisorThread thread,
			SubscriptionRegistry subscriptions, Publisher publisher, PendingWork pendingWork, MqttClientEvents events,
			ClientStateListener stateListener) {
		this.settings = settings;
		this.thread = thread;
		this.driver = driver;
		this.threads = threads;
		this.subscriptions = subscriptions;
		this.publisher = publisher;
		this.pendingWork = pendingWork;
		this.events = events;
		this.status = new ClientStateMachine(stateListener);
		this.diagnostics = new ConnectionDiagnostics(driver, threads);
		this.stability = new ConnectionStability(settings, events);
		this.failureLog = new ConnectFailureLog(settings.getGracePeriod());
	}

	synchronized void start() {
		if (this.status.state() != ClientState.STOPPED) {
			return;
		}
		this.executor = this.thread.start();
		this.firstConnect = new CompletableFuture<>();
		this.stability.reset();
		this.failureLog.reset();
		this.uriIndex = 0;
		this.reconnectAttempts = 0;
		this.publisher.startAccepting();
		this.status.moveTo(ClientState.CONNECTING);
		this.executor.execute(this::attempt);
	}

	/**
	 * Waits for the first connection.
	 * @param timeout the longest wait
	 * @return {@code true} if connected in time
	 */
	boolean awaitFirstConnect(Duration timeout) throws InterruptedException {
		try {
			this.firstConnect.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			return true;
		}
		catch (TimeoutException | ExecutionException ex) {
			return false;
		}
	}

	private void attempt() {
		ScheduledThreadPoolExecutor run = this.executor;
		if (!isActive()) {
			return;
		}
		List<URI> uris = this.settings.getServerUris();
		URI uri = uris.get(this.uriIndex % uris.size());
		this.pendingWork.begin();
		DriverConnection candidate;
		AttemptListener listener = new AttemptListener(this.subscriptions, this.thread, uri, this::connectionLost,
				this.pendingWork);
		try {
			// asked again on every attempt: credentials may have changed since the last one
			MqttCredentials credentials = CredentialsLookup.credentials(this.settings, this.threads.clientName(), uri);
			candidate = this.driver.connect(new ConnectRequest(uri, this.settings, this.threads, credentials), listener);
			listener.connectionIs(candidate);
		}
		catch (OutOfMemoryError ex) {
			throw ex;
		}
		catch (Throwable ex) {
			// a customizer's Error too: this attempt fails; the next follows unless the run ended
			this.pendingWork.end();
			if (isActive() && this.executor == run) {
				attemptFailed(uri, ex);
			}
			return;
		}
		if (!isActive() || this.executor != run) {
			// stopped (perhaps started again) while the provider or a customizer held this thread:
			// the stop's release is over, and nothing but this releases the attempt
			listener.abandon();
			return;
		}
		this.attempt = candidate;
		try {
			this.attemptDeadline = run.schedule(() -> attemptTimedOut(candidate, uri),
					this.settings.getConnectionTimeout().toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (RejectedExecutionException ex) {
			// stopped just now
			this.attempt = null;
			listener.abandon();
			return;
		}
		candidate.connected()
			.whenComplete((info, failure) -> this.thread.execute(() -> attemptEnded(candidate, uri, info, failure)));
	}

	private void attemptTimedOut(DriverConnection candidate, URI uri) {
		if (this.attempt != candidate) {
			return;
		}
		finishAttempt();
		candidate.close();
		attemptFailed(uri, ConnectionDiagnostics.connackTimeout(uri, this.settings.getConnectionTimeout()));
	}

	private void attemptEnded(DriverConnection candidate, URI uri, ConnectionInfo info, Throwable failure) {
		if (this.attempt != candidate) {
			// ended by its deadline or by stop: already released
			return;
		}
		finishAttempt();
		if (failure != null || !isActive()) {
			candidate.close();
			attemptFailed(uri, (failure != null) ? failure : new IllegalStateException("Stopped"));
			return;
		}
		this.threads.restoreNames();
		this.diagnostics.checkStrandedThreads();
		this.connectionInfo = info;
		this.restoring = candidate;
		this.subscriptions.restore(candidate)
			.orTimeout(this.settings.getConnectionTimeout().toMillis(), TimeUnit.MILLISECONDS)
			.whenComplete((done, subscribeFailure) -> this.thread.execute(() -> {
				if (this.restoring != candidate) {
					// stopped meanwhile: release() closed it
					return;
				}
				this.restoring = null;
				if (subscribeFailure != null) {
					candidate.close();
					attemptFailed(uri, subscribeFailure);
				}
				else {
					connected(candidate, info);
				}
			}));
	}

	private void connected(DriverConnection candidate, ConnectionInfo info) {
		if (!isActive()) {
			candidate.close();
			return;
		}
		this.events.connectAttempt(true);
		this.connection = candidate;
		// the backoff starts over only once the connection proves stable
		this.stability.connected(this.executor, () -> this.connection == candidate);
		this.uriIndex = 0;
		this.reconnectAttempts = 0;
		this.lastError = null;
		this.failureLog.reset();
		logger.info("Connected to " + info.serverUri() + " as '" + this.settings.getClientId() + "'");
		this.status.moveTo(ClientState.CONNECTED);
		this.publisher.connected(candidate, info, this.executor);
		this.events.connected(info);
		this.firstConnect.complete(null);
	}

	private void finishAttempt() {
		this.attempt = null;
		if (this.attemptDeadline != null) {
			this.attemptDeadline.cancel(false);
		}
		this.pendingWork.end();
	}

	private void attemptFailed(URI uri, Throwable failure) {
		this.events.connectAttempt(false);
		this.lastError = failure;
		if (!isActive()) {
			return;
		}
		this.reconnectAttempts++;
		this.uriIndex++;
		boolean nextUri = this.uriIndex % this.settings.getServerUris().size() != 0;
		long delay = nextUri ? 0 : this.stability.nextDelay();
		this.failureLog.failed(uri, failure, this.status.since(),
				nextUri ? "trying the next server URI" : "next attempt in " + delay + " ms");
		this.events.connectFailed(uri, failure, this.reconnectAttempts, Duration.ofMillis(delay));
		this.nextAttempt = this.executor.schedule(this::attempt, delay, TimeUnit.MILLISECONDS);
	}

	private void connectionLost(DriverConnection lost, URI uri, Throwable cause) {
		if (lost != null && lost == this.connection && !isActive()) {
			// a stop waiting for the publishes to drain need not wait any more; it releases this
			this.publisher.disconnected();
		}
		if (lost == null || !isActive()) {
			return;
		}
		if (lost == this.attempt || lost == this.restoring) {
			// its CONNACK or SUBACK may still come, completed by the driver on another thread: the
			// attempt fails whatever comes (never both an attempt and a restore)
			if (lost == this.attempt) {
				finishAttempt();
			}
			this.restoring = null;
			lost.close();
			this.stability.lostBeforeReady(cause);
			attemptFailed(uri, cause);
			return;
		}
		if (lost != this.connection) {
			return;
		}
		this.connection = null;
		this.lastError = cause;
		this.events.connectionLost(cause);
		this.publisher.disconnected();
		this.status.moveTo(ClientState.RECONNECTING);
		lost.close();
		long delay = this.stability.lost(this.connectionInfo.serverUri(), cause);
		this.nextAttempt = this.executor.schedule(this::attempt, delay, TimeUnit.MILLISECONDS);
	}

	/**
	 * Disconnects and releases everything, within the timeout.
	 * @param timeout the longest the stop may take
	 */
	void stop(Duration timeout) {
		ScheduledThreadPoolExecutor supervisor;
		synchronized (this) {
			if (!this.status.isActive()) {
				return;
			}
			supervisor = this.executor;
			this.status.moveTo(ClientState.STOPPING);
		}
		long deadline = System.nanoTime() + timeout.toNanos();
		this.publisher.stopAccepting();
		AtomicBoolean releasing = new AtomicBoolean();
		try {
			this.publisher.awaitDrained(deadline);
			CompletableFuture.runAsync(() -> release(releasing, deadline), supervisor)
				.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			logger.warn("MQTT client did not disconnect cleanly within " + timeout.toMillis() + " ms: " + ex);
		}
		this.publisher.failAll("MQTT client stopped before the publish was acknowledged");
		SupervisorThread.end(supervisor, deadline);
		// the supervisor dropped it, out of time: released here, or its threads would be left
		release(releasing, deadline);
		this.firstConnect.completeExceptionally(new IllegalStateException("Stopped"));
		this.status.moveTo(ClientState.STOPPED);
	}

	private void release(AtomicBoolean releasing, long deadline) {
		if (!releasing.compareAndSet(false, true)) {
			return;
		}
		if (this.nextAttempt != null) {
			this.nextAttempt.cancel(false);
		}
		DriverConnection pending = this.attempt;
		if (pending != null) {
			finishAttempt();
			pending.close();
		}
		DriverConnection half = this.restoring;
		this.restoring = null;
		if (half != null) {
			half.close();
		}
		DriverConnection current = this.connection;
		this.connection = null;
		this.publisher.disconnected();
		if (current != null) {
			long remaining = Math.max(0, deadline - System.nanoTime());
			current.disconnect(Duration.ofNanos(Math.min(TimeUnit.SECONDS.toNanos(2), remaining)));
		}
	}

	private boolean isActive() {
		return this.status.isActive();
	}

	ClientState state() {
		return this.status.state();
	}

	Instant since() {
		return this.status.since();
	}

	Throwable lastError() {
		return this.lastError;
	}

	String conflict() {
		return this.stability.conflict();
	}

	int reconnectAttempts() {
		return this.reconnectAttempts;
	}

	ConnectionInfo connectionInfo() {
		return this.connectionInfo;
	}

	int strandedThreads() {
		return this.diagnostics.strandedThreads();
	}

	/**
	 * Where a subscribe or unsubscribe goes, on this thread: the live connection, or the one
	 * whose subscriptions are being restored, since the broker takes its packets in order and the
	 * restore sent what the registry held before.
	 */
	DriverConnection connectionForSubscriptions() {
		return (this.connection != null) ? this.connection : this.restoring;
	}

}
