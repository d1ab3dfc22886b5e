package io.github.mqttboot.integration;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.mqttboot.client.ManagedMqttClient;
import io.github.mqttboot.client.PublishResult;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.eclipse.paho.mqttv5.client.DisconnectedBufferOptions;
import org.eclipse.paho.mqttv5.client.IMqttAsyncClient;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClientInterface;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.util.Debug;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * The supervised client as Paho's {@link IMqttAsyncClient}, for Spring Integration's v5 adapters.
 * One instance lives as long as the client, across all its connections. The connection is the
 * supervisor's: connecting waits for it, disconnecting and closing do nothing. Subscriptions are
 * the client's own, restored on every connect; messages reach their listener on the dispatcher's
 * thread and are acknowledged when it returns (or by {@link #messageArrivedComplete} with manual
 * acknowledgements). Publishes go through the client's buffer and the broker's window.
 *
 * @author mqtt-spring-boot-starter
 */
public class SupervisedMqttAsyncClient implements IMqttAsyncClient, MqttClientInterface {

	private static final Log logger = LogFactory.getLog(SupervisedMqttAsyncClient.class);

	private final ManagedMqttClient client;

	private final AdapterSubscriptions subscriptions;

	private final ConnectionWaits connectionWaits;

	/** Message ids of our own: the packet's is not known when a publish is made, nor unique. */
	private final AtomicInteger ids = new AtomicInteger();

	SupervisedMqttAsyncClient(ManagedMqttClient client, InboundDispatcher dispatcher) {
		this.client = client;
		this.subscriptions = new AdapterSubscriptions(client, dispatcher, this::nextId);
		this.connectionWaits = new ConnectionWaits(client);
	}

	private int nextId() {
		return Math.floorMod(this.ids.incrementAndGet(), Integer.MAX_VALUE) + 1;
	}

	/** Waits for the supervised connection instead of opening one. */
	private IMqttToken awaitConnection(Object userContext, MqttActionListener callback) {
		return new SupervisedToken(this.connectionWaits.connected(), this, null, userContext, callback);
	}

	@Override
	public IMqttToken connect() {
		return awaitConnection(null, null);
	}

	@Override
	public IMqttToken connect(Object userContext, MqttActionListener callback) {
		return awaitConnection(userContext, callback);
	}

	@Override
	public IMqttToken connect(MqttConnectionOptions options) {
		return awaitConnection(null, null);
	}

	@Override
	public IMqttToken connect(MqttConnectionOptions options, Object userContext, MqttActionListener callback) {
		return awaitConnection(userContext, callback);
	}

	@Override
	public void reconnect() {
		// the supervisor reconnects on its own schedule
	}

	@Override
	public IMqttToken disconnect() {
		return SupervisedToken.completed(this, null, null);
	}

	@Override
	public IMqttToken disconnect(long quiesceTimeout) {
		return SupervisedToken.completed(this, null, null);
	}

	@Override
	public IMqttToken disconnect(Object userContext, MqttActionListener callback) {
		return SupervisedToken.completed(this, userContext, callback);
	}

	@Override
	public IMqttToken disconnect(long quiesceTimeout, Object userContext, MqttActionListener callback, int reasonCode,
			MqttProperties properties) {
		return SupervisedToken.completed(this, userContext, callback);
	}

	@Override
	public void disconnectForcibly() {
	}

	@Override
	public void disconnectForcibly(long disconnectTimeout) {
	}

	@Override
	public void disconnectForcibly(long quiesceTimeout, long disconnectTimeout, int reasonCode,
			MqttProperties properties) {
	}

	@Override
	public void disconnectForcibly(long quiesceTimeout, long disconnectTimeout, boolean sendDisconnectPacket) {
	}

	@Override
	public void close() {
	}

	@Override
	public void close(boolean force) {
	}

	@Override
	public boolean isConnected() {
		return this.client.isConnected();
	}

	@Override
	public String getClientId() {
		return this.client.getClientId();
	}

	@Override
	public void setClientId(String clientId) {
		throw new UnsupportedOperationException("The client id is set by mqtt.client-id");
	}

	@Override
	public String getServerURI() {
		return this.client.getSettings().getServerUris().get(0).toString();
	}

	@Override
	public String getCurrentServerURI() {
		var info = this.client.getConnectionInfo();
		return (info != null) ? info.serverUri().toString() : getServerURI();
	}

	@Override
	public IMqttToken checkPing(Object userContext, MqttActionListener callback) {
		return SupervisedToken.completed(this, userContext, callback);
	}

	@Override
	public void setCallback(MqttCallback callback) {
		throw new UnsupportedOperationException("The supervised client's callbacks belong to the starter: register "
				+ "a ConnectCallback with the ClientManager, or subscribe with an IMqttMessageListener");
	}

	// subscriptions: the client's own, restored on every connect

	private IMqttToken subscribeWith(MqttSubscription[] requested, IMqttMessageListener[] listeners, Object userContext,
			MqttActionListener callback) {
		String[] topics = new String[requested.length];
		for (int i = 0; i < requested.length; i++) {
			topics[i] = requested[i].getTopic();
		}
		CompletableFuture<Void> outcome = new CompletableFuture<>();
		SupervisedToken token = new SupervisedToken(outcome, this, topics, userContext, callback);
		this.subscriptions.subscribe(requested, listeners).whenComplete((reasonCodes, failure) -> {
			if (failure != null) {
				outcome.completeExceptionally(failure);
				return;
			}
			token.reasonCodes(reasonCodes);
			outcome.complete(null);
		});
		return token;
	}

	@Override
	public void setManualAcks(boolean manualAcks) {
		this.subscriptions.setManualAcks(manualAcks);
	}

	@Override
	public void messageArrivedComplete(int messageId, int qos) {
		this.subscriptions.acknowledge(messageId);
	}

	private IMqttToken unsubscribe(String[] filters, Object userContext, MqttActionListener callback) {
		return new SupervisedToken(this.subscriptions.unsubscribe(filters), this, filters, userContext, callback);
	}

	@Override
	public IMqttToken subscribe(String topicFilter, int qos) {
		return subscribe(new String[] { topicFilter }, new int[] { qos });
	}

	@Override
	public IMqttToken subscribe(String topicFilter, int qos, Object userContext, MqttActionListener callback) {
		return subscribe(new String[] { topicFilter }, new int[] { qos }, userContext, callback);
	}

	@Override
	public IMqttToken subscribe(String[] topicFilters, int[] qos) {
		return subscribe(topicFilters, qos, null, null);
	}

	@Override
	public IMqttToken subscribe(String[] topicFilters, int[] qos, Object userContext, MqttActionListener callback) {
		MqttSubscription[] requested = new MqttSubscription[topicFilters.length];
		for (int i = 0; i < topicFilters.length; i++) {
			requested[i] = new MqttSubscription(topicFilters[i], qos[i]);
		}
		return subscribe(requested, userContext, callback, (MqttProperties) null);
	}

	@Override
	public IMqttToken subscribe(MqttSubscription subscription) {
		return subscribe(new MqttSubscription[] { subscription });
	}

	@Override
	public IMqttToken subscribe(MqttSubscription[] subscriptions) {
		return subscribe(subscriptions, null, null, (MqttProperties) null);
	}

	@Override
	public IMqttToken subscribe(MqttSubscription[] subscriptions, Object userContext, MqttActionListener callback,
			MqttProperties properties) {
		return subscribeWith(subscriptions, new IMqttMessageListener[] { this::unhandled }, userContext, callback);
	}

	@Override
	public IMqttToken subscribe(MqttSubscription subscription, Object userContext, MqttActionListener callback,
			IMqttMessageListener listener, MqttProperties properties) {
		return subscribeWith(new MqttSubscription[] { subscription }, new IMqttMessageListener[] { listener }, userContext,
				callback);
	}

	@Override
	public IMqttToken subscribe(MqttSubscription subscription, IMqttMessageListener listener) {
		return subscribeWith(new MqttSubscription[] { subscription }, new IMqttMessageListener[] { listener }, null, null);
	}

	@Override
	public IMqttToken subscribe(MqttSubscription[] subscriptions, IMqttMessageListener listener) {
		return subscribeWith(subscriptions, new IMqttMessageListener[] { listener }, null, null);
	}

	@Override
	public IMqttToken subscribe(MqttSubscription[] subscriptions, Object userContext, MqttActionListener callback,
			IMqttMessageListener[] listeners, MqttProperties properties) {
		return subscribeWith(subscriptions, listeners, userContext, callback);
	}

	@Override
	public IMqttToken subscribe(MqttSubscription[] subscriptions, Object userContext, MqttActionListener callback,
			IMqttMessageListener listener, MqttProperties properties) {
		return subscribeWith(subscriptions, new IMqttMessageListener[] { listener }, userContext, callback);
	}

	private void unhandled(String topic, MqttMessage message) {
		logger.debug("No listener for a message from '" + topic + "': subscribe with an IMqttMessageListener");
	}

	@Override
	public IMqttToken unsubscribe(String topicFilter) {
		return unsubscribe(new String[] { topicFilter }, null, null);
	}

	@Override
	public IMqttToken unsubscribe(String[] topicFilters) {
		return unsubscribe(topicFilters, null, null);
	}

	@Override
	public IMqttToken unsubscribe(String topicFilter, Object userContext, MqttActionListener callback) {
		return unsubscribe(new String[] { topicFilter }, userContext, callback);
	}

	@Override
	public IMqttToken unsubscribe(String[] topicFilters, Object userContext, MqttActionListener callback,
			MqttProperties properties) {
		return unsubscribe(topicFilters, userContext, callback);
	}

	// publishing: through the client's buffer and the broker's window

	@Override
	public IMqttToken publish(String topic, MqttMessage message, Object userContext, MqttActionListener callback) {
		CompletableFuture<PublishResult> published = this.client.publish(PahoMessages.fromPaho(topic, message));
		CompletableFuture<Void> outcome = new CompletableFuture<>();
		SupervisedToken token = new SupervisedToken(outcome, this, new String[] { topic }, userContext, callback);
		if (message.getQos() > 0) {
			// known when publish returns, as with Paho: an adapter matches its sent and delivered
			// events by it
			message.setId(nextId());
			token.messageId(message.getId());
		}
		published.whenComplete((result, failure) -> {
			if (failure != null) {
				outcome.completeExceptionally(failure);
				return;
			}
			outcome.complete(null);
		});
		return token;
	}

	@Override
	public IMqttToken publish(String topic, MqttMessage message) {
		return publish(topic, message, null, null);
	}

	@Override
	public IMqttToken publish(String topic, byte[] payload, int qos, boolean retained) {
		return publish(topic, payload, qos, retained, null, null);
	}

	@Override
	public IMqttToken publish(String topic, byte[] payload, int qos, boolean retained, Object userContext,
			MqttActionListener callback) {
		MqttMessage message = new MqttMessage(payload);
		message.setQos(qos);
		message.setRetained(retained);
		return publish(topic, message, userContext, callback);
	}

	@Override
	public IMqttToken authenticate(int reasonCode, Object userContext, MqttProperties properties) {
		throw new UnsupportedOperationException("Enhanced authentication is not supported");
	}

	@Override
	public IMqttToken[] getPendingTokens() {
		return new IMqttToken[0];
	}

	@Override
	public void setBufferOpts(DisconnectedBufferOptions bufferOpts) {
		throw new UnsupportedOperationException("The buffer is set by mqtt.publish.buffer.capacity");
	}

	@Override
	public int getBufferedMessageCount() {
		return this.client.getBuffered();
	}

	@Override
	public MqttMessage getBufferedMessage(int bufferIndex) {
		throw new UnsupportedOperationException("Buffered messages are owned by the supervised client");
	}

	@Override
	public void deleteBufferedMessage(int bufferIndex) {
		throw new UnsupportedOperationException("Buffered messages are owned by the supervised client");
	}

	@Override
	public int getInFlightMessageCount() {
		return this.client.getInflight();
	}

	@Override
	public Debug getDebug() {
		return null;
	}

}
