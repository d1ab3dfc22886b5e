package io.github.mqttboot.client.driver.paho;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import io.github.mqttboot.client.driver.ConnectFailures;
import io.github.mqttboot.client.driver.ConnectRequest;
import io.github.mqttboot.client.driver.ConnectionInfo;
import io.github.mqttboot.client.driver.DriverConnection;
import io.github.mqttboot.client.driver.DriverListener;
import io.github.mqttboot.client.InboundMessage;
import io.github.mqttboot.client.MqttMessageProperties;
import io.github.mqttboot.client.OutboundMessage;
import io.github.mqttboot.client.driver.SubscriptionRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.ScheduledExecutorPingSender;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * One Paho MQTT 3.1.1 connection on a pool of owned threads; {@link #close()} releases both.
 * MQTT 3.1.1 carries no message properties: outbound ones are dropped, inbound messages have
 * none, and no subscription identifiers (the client routes by topic).
 *
 * @author mqtt-spring-boot-starter
 */
final class PahoV3Connection implements DriverConnection, MqttCallback {

	private static final Log logger = LogFactory.getLog(PahoV3Connection.class);

	// the same pool as the MQTT 5 client's: receiver, sender, callback, ping and disconnect
	static final int PAHO_THREADS = 4;

	static final String THREAD_ROLE = "paho";

	/** SUBACK's failure return code in MQTT 3.1.1. */
	private static final int SUBSCRIBE_FAILURE = 0x80;

	private final ConnectRequest request;

	private final DriverListener listener;

	private final CompletableFuture<ConnectionInfo> connected = new CompletableFuture<>();

	private final AtomicBoolean closed = new AtomicBoolean();

	private final PahoExecutor executor;

	private MqttAsyncClient client;

	private PahoV3Connection(ConnectRequest request, DriverListener listener) {
		this.request = request;
		this.listener = listener;
		this.executor = new PahoExecutor(PAHO_THREADS, request.threads(), THREAD_ROLE);
	}

	static PahoV3Connection open(ConnectRequest request, MqttConnectOptions options, DriverListener listener) {
		PahoV3Connection connection = new PahoV3Connection(request, listener);
		connection.start(options);
		return connection;
	}

	private void start(MqttConnectOptions options) {
		try {
			// the ping sender runs on the owned pool too: Paho's default starts a Timer thread
			this.client = new MqttAsyncClient(this.request.serverUri().toString(),
					this.request.settings().getClientId(), new MemoryPersistence(),
					new ScheduledExecutorPingSender(this.executor), this.executor);
			this.client.setManualAcks(this.request.settings().isManualAcks());
			this.client.setCallback(this);
			int window = options.getMaxInflight();
			this.client.connect(options, null, new IMqttActionListener() {

				@Override
				public void onSuccess(IMqttToken token) {
					PahoV3Connection.this.executor.awaitConnectThread();
					PahoV3Connection.this.connected.complete(new ConnectionInfo(
							PahoV3Connection.this.request.serverUri(), token.getSessionPresent(), window, 0L, 0));
				}

				@Override
				public void onFailure(IMqttToken token, Throwable exception) {
					// Paho's reason code of a refused CONNECT is the 3.1.1 return code
					int returnCode = (exception instanceof MqttException mqtt) ? mqtt.getReasonCode() : -1;
					PahoV3Connection.this.connected.completeExceptionally(ConnectFailures
						.classifyMqtt3(PahoV3Connection.this.request.serverUri(), exception, returnCode));
				}

			});
		}
		catch (MqttException | RuntimeException ex) {
			this.executor.connectTaskDone.countDown();
			this.connected.completeExceptionally(ex);
		}
	}

	@Override
	public CompletableFuture<ConnectionInfo> connected() {
		return this.connected;
	}

	@Override
	public CompletableFuture<Integer> publish(OutboundMessage message) throws WindowFullException {
		CompletableFuture<Integer> result = new CompletableFuture<>();
		MqttMessage pahoMessage = new MqttMessage(message.payload());
		try {
			pahoMessage.setQos(message.qos());
			pahoMessage.setRetained(message.retained());
			this.client.publish(message.topic(), pahoMessage, null, completing(result, IMqttToken::getMessageId));
		}
		catch (MqttException ex) {
			if (ex.getReasonCode() == MqttException.REASON_CODE_MAX_INFLIGHT) {
				throw new WindowFullException(ex);
			}
			result.completeExceptionally(ex);
		}
		catch (RuntimeException ex) {
			result.completeExceptionally(new RefusedException(ex.getMessage(), ex));
		}
		return result;
	}

	@Override
	public CompletableFuture<int[]> subscribe(List<SubscriptionRequest> subscriptions) {
		// no subscription identifiers in 3.1.1: one SUBSCRIBE for all filters
		CompletableFuture<int[]> result = new CompletableFuture<>();
		String[] filters = subscriptions.stream().map(SubscriptionRequest::filter).toArray(String[]::new);
		int[] qos = subscriptions.stream().mapToInt(SubscriptionRequest::qos).toArray();
		try {
			this.client.subscribe(filters, qos, null, completing(result, PahoV3Connection::grantedCodes));
		}
		catch (MqttException | RuntimeException ex) {
			result.completeExceptionally(ex);
		}
		return result;
	}

	/** Paho reports a refused filter as a failed token with 128 among the granted QoS. */
	private static int[] grantedCodes(IMqttToken token) {
		int[] granted = token.getGrantedQos();
		return (granted != null) ? granted : new int[] { SUBSCRIBE_FAILURE };
	}

	@Override
	public CompletableFuture<Void> unsubscribe(List<String> filters) {
		CompletableFuture<Void> result = new CompletableFuture<>();
		try {
			this.client.unsubscribe(filters.toArray(String[]::new), null, completing(result, (token) -> null));
		}
		catch (MqttException | RuntimeException ex) {
			result.completeExceptionally(ex);
		}
		return result;
	}

	private static <T> IMqttActionListener completing(CompletableFuture<T> future, Function<IMqttToken, T> value) {
		return new IMqttActionListener() {

			@Override
			public void onSuccess(IMqttToken token) {
				future.complete(value.apply(token));
			}

			@Override
			public void onFailure(IMqttToken token, Throwable exception) {
				int[] granted = (token != null) ? token.getGrantedQos() : null;
				if (granted != null && granted.length > 0 && exception instanceof MqttException mqtt
						&& mqtt.getReasonCode() == SUBSCRIBE_FAILURE) {
					// a refused filter: let the caller see the return codes, as with MQTT 5
					future.complete(value.apply(token));
					return;
				}
				future.completeExceptionally(exception);
			}

		};
	}

	@Override
	public void disconnect(Duration timeout) {
		if (this.closed.get() || this.client == null) {
			close();
			return;
		}
		try {
			if (this.client.isConnected()) {
				this.client.disconnect(timeout.toMillis()).waitForCompletion(timeout.toMillis());
			}
		}
		catch (MqttException | RuntimeException ex) {
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
			if (this.client != null) {
				this.client.disconnectForcibly(0, 0, false);
			}
		}, () -> {
			if (this.client != null) {
				this.client.close(true);
			}
		});
	}

	@Override
	public void connectionLost(Throwable cause) {
		if (!this.closed.get()) {
			this.listener.connectionLost(cause);
		}
	}

	@Override
	public void messageArrived(String topic, MqttMessage message) {
		int messageId = message.getId();
		int qos = message.getQos();
		// Paho 3.1.1 hands over a QoS 2 message on PUBREL; with manual acks its PUBCOMP, like a
		// QoS 1 PUBACK, goes out when the message is acknowledged, and Paho then forgets it
		Runnable ack = (this.request.settings().isManualAcks() && qos > 0) ? () -> acknowledge(messageId, qos) : () -> {
		};
		this.listener.messageArrived(new InboundMessage(topic, message.getPayload(), qos, message.isRetained(),
				message.isDuplicate(), messageId, MqttMessageProperties.NONE, ack));
	}

	private void acknowledge(int messageId, int qos) {
		if (this.closed.get()) {
			return;
		}
		try {
			this.client.messageArrivedComplete(messageId, qos);
		}
		catch (MqttException | RuntimeException ex) {
			// the connection is gone: the broker redelivers in a persistent session
			logger.debug("Could not acknowledge message " + messageId + ": " + ex);
		}
	}

	@Override
	public void deliveryComplete(IMqttDeliveryToken token) {
	}

}
