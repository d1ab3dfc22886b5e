package io.github.mqttboot.client.driver.paho;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.mqttboot.client.driver.ConnectFailures;
import io.github.mqttboot.client.driver.ConnectRequest;
import io.github.mqttboot.client.driver.ConnectionInfo;
import io.github.mqttboot.client.driver.DriverConnection;
import io.github.mqttboot.client.driver.DriverListener;
import io.github.mqttboot.client.InboundMessage;
import io.github.mqttboot.client.MqttMessageProperties;
import io.github.mqttboot.client.OutboundMessage;
import io.github.mqttboot.client.OwnedThreads;
import io.github.mqttboot.client.driver.SubscriptionRequest;
import io.github.mqttboot.client.Failures;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;

/**
 * One Paho MQTT 5 connection and everything it runs on: a Paho client and a thread pool made by
 * the client's {@link OwnedThreads}. {@link #close()} releases both.
 *
 * @author mqtt-spring-boot-starter
 */
final class PahoV5Connection implements DriverConnection, MqttCallback {

	private static final Log logger = LogFactory.getLog(PahoV5Connection.class);

	// Paho's pool runs the receiver, sender and callback loops plus ping and disconnect tasks
	// (the connect task has a thread of its own); fewer threads deadlock (paho #914)
	static final int PAHO_THREADS = 4;

	static final String THREAD_ROLE = "paho";

	private final ConnectRequest request;

	private final DriverListener listener;

	private final CompletableFuture<ConnectionInfo> connected = new CompletableFuture<>();

	private final AtomicBoolean closed = new AtomicBoolean();

	private final PahoExecutor executor;

	private MqttAsyncClient client;

	private volatile boolean subscriptionIdsAvailable = true;

	private PahoV5Connection(ConnectRequest request, DriverListener listener) {
		this.request = request;
		this.listener = listener;
		this.executor = new PahoExecutor(PAHO_THREADS, request.threads(), THREAD_ROLE);
	}

	static PahoV5Connection open(ConnectRequest request, MqttConnectionOptions options, DriverListener listener) {
		PahoV5Connection connection = new PahoV5Connection(request, listener);
		connection.start(options);
		return connection;
	}

	private void start(MqttConnectionOptions options) {
		try {
			this.client = new MqttAsyncClient(this.request.serverUri().toString(),
					this.request.settings().getClientId(), new MemoryPersistence(), null, this.executor);
			this.client.setManualAcks(this.request.settings().isManualAcks());
			this.client.setCallback(this);
			this.client.connect(options, null, new MqttActionListener() {

				@Override
				public void onSuccess(IMqttToken token) {
					PahoV5Connection.this.executor.awaitConnectThread();
					PahoV5Connection.this.connected.complete(connectionInfo(token));
				}

				@Override
				public void onFailure(IMqttToken token, Throwable exception) {
					URI serverUri = PahoV5Connection.this.request.serverUri();
					int reasonCode = (exception instanceof MqttException mqtt) ? mqtt.getReasonCode() : -1;
					PahoV5Connection.this.connected
						.completeExceptionally(ConnectFailures.classify(serverUri, exception, reasonCode));
				}

			});
		}
		catch (MqttException | RuntimeException ex) {
			this.executor.connectTaskDone.countDown();
			this.connected.completeExceptionally(ex);
		}
	}

	private ConnectionInfo connectionInfo(IMqttToken token) {
		MqttProperties properties = token.getResponseProperties();
		Integer receiveMaximum = (properties != null) ? properties.getReceiveMaximum() : null;
		Long maximumPacketSize = (properties != null) ? properties.getMaximumPacketSize() : null;
		Integer topicAliasMaximum = (properties != null) ? properties.getTopicAliasMaximum() : null;
		this.subscriptionIdsAvailable = properties == null || properties.isSubscriptionIdentifiersAvailable();
		return new ConnectionInfo(this.request.serverUri(), token.getSessionPresent(),
				(receiveMaximum != null) ? receiveMaximum : 65535,
				(maximumPacketSize != null) ? maximumPacketSize : 0L,
				(topicAliasMaximum != null) ? topicAliasMaximum : 0);
	}

	@Override
	public CompletableFuture<ConnectionInfo> connected() {
		return this.connected;
	}

	@Override
	public CompletableFuture<Integer> publish(OutboundMessage message) throws WindowFullException {
		CompletableFuture<Integer> result = new CompletableFuture<>();
		MqttMessage pahoMessage = new MqttMessage(message.payload(), message.qos(), message.retained(),
				toPaho(message.properties()));
		try {
			this.client.publish(message.topic(), pahoMessage, null, completing(result, PahoV5Connection::acknowledged));
		}
		catch (MqttException ex) {
			if (ex.getReasonCode() == MqttClientException.REASON_CODE_MAX_INFLIGHT) {
				throw new WindowFullException(ex);
			}
			result.completeExceptionally(ex);
		}
		catch (RuntimeException ex) {
			result.completeExceptionally(new RefusedException(ex.getMessage(), ex));
		}
		return result.exceptionallyCompose(PahoV5Connection::classify);
	}

	@Override
	public CompletableFuture<int[]> subscribe(List<SubscriptionRequest> subscriptions) {
		// MQTT 5 carries one subscription identifier per SUBSCRIBE: one packet per filter
		List<CompletableFuture<int[]>> sent = subscriptions.stream().map(this::subscribeOne).toList();
		return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new))
			.thenApply((done) -> sent.stream().mapToInt((future) -> {
				int[] codes = future.join();
				return (codes != null && codes.length > 0) ? codes[0] : 0;
			}).toArray());
	}

	private CompletableFuture<int[]> subscribeOne(SubscriptionRequest request) {
		CompletableFuture<int[]> result = new CompletableFuture<>();
		MqttProperties properties = new MqttProperties();
		if (request.subscriptionId() > 0 && this.subscriptionIdsAvailable) {
			properties.setSubscriptionIdentifier(request.subscriptionId());
		}
		try {
			this.client.subscribe(new MqttSubscription[] { new MqttSubscription(request.filter(), request.qos()) }, null,
					completing(result, IMqttToken::getReasonCodes), properties);
		}
		catch (MqttException | RuntimeException ex) {
			result.completeExceptionally(ex);
		}
		return result;
	}

	@Override
	public CompletableFuture<Void> unsubscribe(List<String> filters) {
		CompletableFuture<Void> result = new CompletableFuture<>();
		try {
			this.client.unsubscribe(filters.toArray(String[]::new), null, completing(result, (token) -> null),
					new MqttProperties());
		}
		catch (MqttException | RuntimeException ex) {
			result.completeExceptionally(ex);
		}
		return result;
	}

	/** A reason code of 0x80 or more in PUBACK/PUBREC is the broker's refusal. */
	private static CompletableFuture<Integer> classify(Throwable failure) {
		Throwable cause = Failures.unwrap(failure);
		if (cause instanceof MqttException mqtt && mqtt.getReasonCode() >= 0x80 && mqtt.getReasonCode() <= 0xFF) {
			return CompletableFuture.failedFuture(new RefusedException(
					"reason code 0x" + Integer.toHexString(mqtt.getReasonCode()) + " " + mqtt.getMessage(),
					mqtt.getReasonCode(), mqtt));
		}
		return CompletableFuture.failedFuture(cause);
	}

	/** Paho completes a publish that the broker refused in PUBACK or PUBREC as a success. */
	private static Integer acknowledged(IMqttToken token) {
		int[] codes = token.getReasonCodes();
		if (codes != null && codes.length > 0 && codes[0] >= 0x80) {
			throw new RefusedException("reason code 0x" + Integer.toHexString(codes[0]) + " from the broker", codes[0],
					null);
		}
		return token.getMessageId();
	}

	private static <T> MqttActionListener completing(CompletableFuture<T> future,
			java.util.function.Function<IMqttToken, T> value) {
		return new MqttActionListener() {

			@Override
			public void onSuccess(IMqttToken token) {
				try {
					future.complete(value.apply(token));
				}
				catch (RuntimeException ex) {
					future.completeExceptionally(ex);
				}
			}

			@Override
			public void onFailure(IMqttToken token, Throwable exception) {
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
	public void disconnected(MqttDisconnectResponse response) {
		if (this.closed.get()) {
			return;
		}
		MqttException cause = response.getException();
		this.listener.connectionLost((cause != null) ? cause
				: new IllegalStateException("Disconnected by the broker, reason code " + response.getReturnCode()));
	}

	@Override
	public void mqttErrorOccurred(MqttException exception) {
		logger.warn("MQTT protocol error on " + this.request.serverUri() + ": " + exception.getMessage());
	}

	@Override
	public void messageArrived(String topic, MqttMessage message) {
		int messageId = message.getId();
		int qos = message.getQos();
		boolean manual = this.request.settings().isManualAcks();
		Runnable ack;
		if (qos == 2) {
			// Paho sends PUBREC on receipt and PUBCOMP on PUBREL by itself (its manual PUBCOMP
			// would break the flow), but never forgets the message: release it once handled
			ack = () -> Qos2Release.release(this.client, messageId);
		}
		else if (manual && qos == 1) {
			ack = () -> acknowledge(messageId, qos);
		}
		else {
			ack = () -> {
			};
		}
		MqttProperties properties = message.getProperties();
		List<Integer> subscriptionIds = (properties != null && properties.getSubscriptionIdentifiers() != null)
				? properties.getSubscriptionIdentifiers() : List.of();
		this.listener.messageArrived(new InboundMessage(topic, message.getPayload(), qos, message.isRetained(),
				message.isDuplicate(), messageId, fromPaho(properties), ack, subscriptionIds));
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
	public void deliveryComplete(IMqttToken token) {
	}

	@Override
	public void connectComplete(boolean reconnect, String serverUri) {
	}

	@Override
	public void authPacketArrived(int reasonCode, MqttProperties properties) {
	}

	static MqttProperties toPaho(MqttMessageProperties properties) {
		MqttProperties paho = new MqttProperties();
		if (properties == null) {
			return paho;
		}
		paho.setContentType(properties.contentType());
		paho.setResponseTopic(properties.responseTopic());
		paho.setCorrelationData(properties.correlationData());
		if (!properties.userProperties().isEmpty()) {
			List<UserProperty> user = new ArrayList<>();
			properties.userProperties().forEach((key, value) -> user.add(new UserProperty(key, value)));
			paho.setUserProperties(user);
		}
		return paho;
	}

	static MqttMessageProperties fromPaho(MqttProperties properties) {
		if (properties == null) {
			return MqttMessageProperties.NONE;
		}
		Map<String, String> user = new LinkedHashMap<>();
		for (UserProperty property : properties.getUserProperties()) {
			user.putIfAbsent(property.getKey(), property.getValue());
		}
		return new MqttMessageProperties(properties.getContentType(), properties.getResponseTopic(),
				properties.getCorrelationData(), user);
	}

}
