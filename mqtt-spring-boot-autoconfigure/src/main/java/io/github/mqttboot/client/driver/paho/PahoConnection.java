package io.github.mqttboot.client.driver.paho;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.mqttboot.client.InboundMessage;
import io.github.mqttboot.client.MqttMessageProperties;
import io.github.mqttboot.client.OutboundMessage;
import io.github.mqttboot.client.OwnedThreads;
import io.github.mqttboot.client.driver.ConnectRequest;
import io.github.mqttboot.client.driver.ConnectionInfo;
import io.github.mqttboot.client.driver.DriverConnection;
import io.github.mqttboot.client.driver.DriverListener;
import io.github.mqttboot.client.driver.SubscriptionRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * One Paho connection and everything it runs on: a Paho client, MQTT 5 or 3.1.1, and a thread
 * pool made by the client's {@link OwnedThreads}. {@link #close()} releases both. What the two
 * Paho clients do differently is in their {@link PahoProtocol}; the pool, the connect outcome,
 * the failures of calls, acknowledgements, inbound messages, disconnect and teardown are here.
 * Refers to no Paho type: either Paho client may be missing from the classpath.
 *
 * @author mqtt-spring-boot-starter
 */
final class PahoConnection implements DriverConnection {

	private static final Log logger = LogFactory.getLog(PahoConnection.class);

	// Paho's pool, in both generations, runs the receiver, sender and callback loops plus ping
	// and disconnect tasks (the connect task has a thread of its own); fewer threads deadlock
	// (paho #914)
	static final int PAHO_THREADS = 4;

	static final String THREAD_ROLE = "paho";

	private static final Runnable NO_ACK = () -> {
	};

	private final ConnectRequest request;

	private final DriverListener listener;

	private final CompletableFuture<ConnectionInfo> connected = new CompletableFuture<>();

	private final AtomicBoolean closed = new AtomicBoolean();

	private final PahoExecutor executor;

	/** Lets the socket batch bursts of publishes and acknowledgements (a customizer's socket does not look). */
	private final UnwrittenPackets unwritten;

	private PahoProtocol protocol;

	private PahoConnection(ConnectRequest request, DriverListener listener, UnwrittenPackets unwritten) {
		this.request = request;
		this.listener = listener;
		this.executor = new PahoExecutor(PAHO_THREADS, request.threads(), THREAD_ROLE);
		this.unwritten = unwritten;
		unwritten.flushLateOn(this.executor);
	}

	/**
	 * Opens a connection: creates its protocol, and so its Paho client, then sends CONNECT.
	 * @param request what to connect to, and how
	 * @param listener receives the connection's messages and its loss
	 * @param protocol creates the protocol
	 * @param unwritten the count that the attempt's socket reads
	 * @return the connection, whose {@link #connected()} completes on CONNACK
	 */
	static PahoConnection open(ConnectRequest request, DriverListener listener, ProtocolFactory protocol,
			UnwrittenPackets unwritten) {
		PahoConnection connection = new PahoConnection(request, listener, unwritten);
		connection.start(protocol);
		return connection;
	}

	private void start(ProtocolFactory factory) {
		try {
			this.protocol = factory.create(this.executor, this);
			this.protocol.client().setManualAcks(this.request.settings().isManualAcks());
			CompletableFuture<ConnectionInfo> connack = new CompletableFuture<>();
			connack.whenComplete(this::connectEnded);
			this.protocol.connect(connack);
		}
		catch (Exception ex) {
			this.executor.connectTaskDone.countDown();
			this.connected.completeExceptionally(ex);
		}
	}

	/** Runs on the Paho thread that completes the connect. */
	private void connectEnded(ConnectionInfo info, Throwable failure) {
		if (failure != null) {
			this.connected.completeExceptionally(this.protocol.connectFailure(failure));
			return;
		}
		this.executor.awaitConnectThread();
		this.connected.complete(info);
	}

	@Override
	public CompletableFuture<ConnectionInfo> connected() {
		return this.connected;
	}

	@Override
	public CompletableFuture<Integer> publish(OutboundMessage message) throws WindowFullException {
		CompletableFuture<Integer> result;
		boolean taken = false;
		this.unwritten.handing();
		try {
			result = this.protocol.publish(message);
			taken = true;
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(new RefusedException(ex.getMessage(), ex));
		}
		catch (Exception ex) {
			if (this.protocol.isWindowFull(ex)) {
				throw new WindowFullException(ex);
			}
			result = CompletableFuture.failedFuture(ex);
		}
		finally {
			if (!taken) {
				this.unwritten.refused();
			}
		}
		return result
			.exceptionallyCompose((failure) -> CompletableFuture.failedFuture(this.protocol.publishFailure(failure)));
	}

	@Override
	public CompletableFuture<int[]> subscribe(List<SubscriptionRequest> subscriptions) {
		return call(() -> this.protocol.subscribe(subscriptions));
	}

	@Override
	public CompletableFuture<Void> unsubscribe(List<String> filters) {
		return call(() -> this.protocol.unsubscribe(filters));
	}

	/**
	 * Makes a call on a Paho client whose failures, thrown at once or reported later, all
	 * arrive through the future.
	 * @param <T> the future's value
	 * @param call the call
	 * @return the call's future, or one failed with what the call threw
	 */
	static <T> CompletableFuture<T> call(Callable<CompletableFuture<T>> call) {
		try {
			return call.call();
		}
		catch (Exception ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	/**
	 * Hands an inbound message to the listener, with what its release does: the acknowledgement
	 * that Paho holds back with manual acks, or whatever else the protocol needs.
	 */
	void messageArrived(String topic, byte[] payload, int qos, boolean retained, boolean duplicate, int messageId,
			MqttMessageProperties properties, List<Integer> subscriptionIds) {
		this.listener.messageArrived(new InboundMessage(topic, payload, qos, retained, duplicate, messageId,
				properties, acknowledgement(messageId, qos), subscriptionIds));
	}

	private Runnable acknowledgement(int messageId, int qos) {
		if (this.request.settings().isManualAcks() && this.protocol.holdsAcknowledgement(qos)) {
			return () -> acknowledge(messageId, qos);
		}
		Runnable afterHandling = this.protocol.afterHandling(messageId, qos);
		return (afterHandling != null) ? afterHandling : NO_ACK;
	}

	private void acknowledge(int messageId, int qos) {
		if (this.closed.get()) {
			return;
		}
		// a PUBACK is counted as a publish is: the sender holds its flush back for it
		boolean pubAck = qos == 1;
		if (pubAck) {
			this.unwritten.handing();
		}
		try {
			this.protocol.client().messageArrivedComplete(messageId, qos);
		}
		catch (Exception ex) {
			if (pubAck) {
				this.unwritten.refused();
			}
			// the connection is gone: the broker redelivers in a persistent session
			logger.debug("Could not acknowledge message " + messageId + ": " + ex);
		}
	}

	/**
	 * Reports the loss of the connection, unless it was closed.
	 * @param cause why it was lost
	 */
	void connectionLost(Throwable cause) {
		if (!this.closed.get()) {
			this.listener.connectionLost(cause);
		}
	}

	@Override
	public void disconnect(Duration timeout) {
		try {
			if (!this.closed.get() && this.protocol != null && this.protocol.client().isConnected()) {
				this.protocol.disconnect(timeout.toMillis());
			}
		}
		catch (Exception ex) {
			logger.debug("DISCONNECT did not complete cleanly: " + ex);
		}
		finally {
			close();
		}
	}

	@Override
	public void close() {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		this.connected.completeExceptionally(new IllegalStateException("Connection closed"));
		this.executor.releaseClient(this.request, () -> {
			if (this.protocol != null) {
				this.protocol.client().disconnectForcibly(0, 0, false);
			}
		}, () -> {
			if (this.protocol != null) {
				this.protocol.client().close(true);
			}
		});
	}

	/**
	 * Creates a connection's protocol and, with it, its Paho client.
	 */
	@FunctionalInterface
	interface ProtocolFactory {

		/**
		 * Creates the protocol.
		 * @param executor the pool the Paho client runs on
		 * @param connection receives the client's callbacks
		 * @return the protocol
		 * @throws Exception Paho's refusal to create the client
		 */
		PahoProtocol create(PahoExecutor executor, PahoConnection connection) throws Exception;

	}

}
