package io.github.mqttboot.client.driver.paho;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import io.github.mqttboot.client.Failures;
import io.github.mqttboot.client.MqttDisconnectedException;
import io.github.mqttboot.client.MqttMessageProperties;
import io.github.mqttboot.client.OutboundMessage;
import io.github.mqttboot.client.PublishPacketSize;
import io.github.mqttboot.client.driver.ConnectFailures;
import io.github.mqttboot.client.driver.ConnectRequest;
import io.github.mqttboot.client.driver.ConnectionInfo;
import io.github.mqttboot.client.driver.DriverConnection.RefusedException;
import io.github.mqttboot.client.driver.SubscriptionRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;

/**
 * MQTT 5 through Paho's MQTT 5 client: message properties, the broker's limits from CONNACK,
 * reason codes in acknowledgements, and subscription identifiers.
 *
 * @author mqtt-spring-boot-starter
 */
final class PahoV5Protocol implements PahoProtocol, MqttCallback {

	private static final Log logger = LogFactory.getLog(PahoV5Protocol.class);

	private final URI serverUri;

	private final MqttConnectionOptions options;

	private final PahoConnection connection;

	private final Client client;

	private volatile boolean subscriptionIdsAvailable = true;

	PahoV5Protocol(ConnectRequest request, MqttConnectionOptions options, PahoExecutor executor,
			PahoConnection connection) throws MqttException {
		this.serverUri = request.serverUri();
		this.options = options;
		this.connection = connection;
		this.client = new Client(request, executor);
	}

	@Override
	public PahoClient client() {
		return this.client;
	}

	@Override
	public void connect(CompletableFuture<ConnectionInfo> connack) throws MqttException {
		this.client.setCallback(this);
		this.client.connect(this.options, null, new Listener<>(connack, this::connectionInfo));
	}

	@Override
	public Throwable connectFailure(Throwable exception) {
		int reasonCode = (exception instanceof MqttException mqtt) ? mqtt.getReasonCode() : -1;
		return ConnectFailures.classify(this.serverUri, exception, reasonCode);
	}

	private ConnectionInfo connectionInfo(IMqttToken token) {
		MqttProperties properties = token.getResponseProperties();
		Integer receiveMaximum = (properties != null) ? properties.getReceiveMaximum() : null;
		Long maximumPacketSize = (properties != null) ? properties.getMaximumPacketSize() : null;
		Integer topicAliasMaximum = (properties != null) ? properties.getTopicAliasMaximum() : null;
		this.subscriptionIdsAvailable = properties == null || properties.isSubscriptionIdentifiersAvailable();
		return new ConnectionInfo(this.serverUri, token.getSessionPresent(),
				(receiveMaximum != null) ? receiveMaximum : 65535,
				(maximumPacketSize != null) ? maximumPacketSize : 0L,
				(topicAliasMaximum != null) ? topicAliasMaximum : 0);
	}

	@Override
	public CompletableFuture<Integer> publish(OutboundMessage message) throws MqttException {
		CompletableFuture<Integer> result = new CompletableFuture<>();
		Long ownMaximum = this.options.getMaximumPacketSize();
		if (ownMaximum != null && PublishPacketSize.mayExceed(message, ownMaximum)) {
			long size = PublishPacketSize.of(message);
			if (size > ownMaximum) {
				// Paho 1.2.5 holds what it sends against the client's own Maximum Packet Size (meant
				// for what it receives), and ends the connection on a larger one: refused here
				throw new IllegalArgumentException("PUBLISH to '" + message.topic() + "' is " + size
						+ " bytes, more than this client's own Maximum Packet Size of " + ownMaximum
						+ " bytes (mqtt.listener.max-payload-size plus 128 KB), which Paho applies to what it "
						+ "sends too; raise mqtt.listener.max-payload-size, or use mqtt.driver: hivemq");
			}
		}
		MqttMessage pahoMessage = new MqttMessage(message.payload(), message.qos(), message.retained(),
				toPaho(message.properties()));
		this.client.publish(message.topic(), pahoMessage, null, new Listener<>(result, PahoV5Protocol::acknowledged));
		return result;
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

	@Override
	public boolean isWindowFull(Exception exception) {
		return exception instanceof MqttException mqtt
				&& mqtt.getReasonCode() == MqttClientException.REASON_CODE_MAX_INFLIGHT;
	}

	/** A reason code of 0x80 or more in PUBACK/PUBREC is the broker's refusal. */
	@Override
	public Throwable publishFailure(Throwable failure) {
		Throwable cause = Failures.unwrap(failure);
		if (cause instanceof MqttException mqtt && mqtt.getReasonCode() >= 0x80 && mqtt.getReasonCode() <= 0xFF) {
			return new RefusedException(
					"reason code 0x" + Integer.toHexString(mqtt.getReasonCode()) + " " + mqtt.getMessage(),
					mqtt.getReasonCode(), mqtt);
		}
		return cause;
	}

	@Override
	public CompletableFuture<int[]> subscribe(List<SubscriptionRequest> subscriptions) {
		// MQTT 5 carries one subscription identifier per SUBSCRIBE: one packet per filter
		List<CompletableFuture<int[]>> sent = subscriptions.stream()
			.map((request) -> PahoConnection.call(() -> subscribeOne(request)))
			.toList();
		return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new))
			.thenApply((done) -> sent.stream().mapToInt((future) -> {
				int[] codes = future.join();
				return (codes != null && codes.length > 0) ? codes[0] : 0;
			}).toArray());
	}

	private CompletableFuture<int[]> subscribeOne(SubscriptionRequest request) throws MqttException {
		CompletableFuture<int[]> result = new CompletableFuture<>();
		MqttProperties properties = new MqttProperties();
		if (request.subscriptionId() > 0 && this.subscriptionIdsAvailable) {
			properties.setSubscriptionIdentifier(request.subscriptionId());
		}
		MqttSubscription subscription = new MqttSubscription(request.filter(), request.qos());
		subscription.setNoLocal(request.options().noLocal());
		subscription.setRetainHandling(request.options().retainHandling().code());
		subscription.setRetainAsPublished(request.options().retainAsPublished());
		this.client.subscribe(new MqttSubscription[] { subscription }, null,
				new Listener<>(result, IMqttToken::getReasonCodes), properties);
		return result;
	}

	@Override
	public CompletableFuture<Void> unsubscribe(List<String> filters) throws MqttException {
		CompletableFuture<Void> result = new CompletableFuture<>();
		this.client.unsubscribe(filters.toArray(String[]::new), null, new Listener<>(result, (token) -> null),
				new MqttProperties());
		return result;
	}

	@Override
	public void disconnect(long timeoutMillis) throws MqttException {
		this.client.disconnect(timeoutMillis).waitForCompletion(timeoutMillis);
	}

	@Override
	public void disconnected(MqttDisconnectResponse response) {
		MqttException cause = response.getException();
		// a DISCONNECT of the broker's carries its reason code; a closed socket leaves 0
		int reasonCode = response.getReturnCode();
		this.connection.connectionLost((reasonCode != 0)
				? new MqttDisconnectedException(reasonCode, response.getReasonString(), cause)
				: (cause != null) ? cause : new IllegalStateException("Disconnected by the broker"));
	}

	@Override
	public void mqttErrorOccurred(MqttException exception) {
		logger.warn("MQTT protocol error on " + this.serverUri + ": " + exception.getMessage());
	}

	@Override
	public void messageArrived(String topic, MqttMessage message) {
		MqttProperties properties = message.getProperties();
		List<Integer> subscriptionIds = (properties != null && properties.getSubscriptionIdentifiers() != null)
				? properties.getSubscriptionIdentifiers() : List.of();
		this.connection.messageArrived(topic, message.getPayload(), message.getQos(), message.isRetained(),
				message.isDuplicate(), message.getId(), fromPaho(properties), subscriptionIds);
	}

	@Override
	public boolean holdsAcknowledgement(int qos) {
		return qos == 1;
	}

	@Override
	public Runnable afterHandling(int messageId, int qos) {
		// Paho sends PUBREC on receipt and PUBCOMP on PUBREL by itself (its manual PUBCOMP
		// would break the flow), but never forgets the message: release it once handled
		return (qos == 2) ? () -> Qos2Release.release(this.client, messageId) : null;
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
		if (properties.messageExpiry() != null) {
			paho.setMessageExpiryInterval(properties.messageExpiry().toSeconds());
		}
		if (properties.payloadFormatUtf8() != null) {
			paho.setPayloadFormat(properties.payloadFormatUtf8());
		}
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
		List<UserProperty> userProperties = properties.getUserProperties();
		if (userProperties.isEmpty() && properties.getContentType() == null && properties.getResponseTopic() == null
				&& properties.getCorrelationData() == null) {
			// most messages carry no properties: nothing to copy per message
			return MqttMessageProperties.NONE;
		}
		Map<String, String> user = userProperties.isEmpty() ? Map.of() : new LinkedHashMap<>();
		for (UserProperty property : userProperties) {
			user.putIfAbsent(property.getKey(), property.getValue());
		}
		return new MqttMessageProperties(properties.getContentType(), properties.getResponseTopic(),
				properties.getCorrelationData(), user);
	}

	/**
	 * Paho's MQTT 5 client, as a {@link PahoClient}: the calls it shares with the 3.1.1 client
	 * are its own.
	 */
	private static final class Client extends MqttAsyncClient implements PahoClient {

		Client(ConnectRequest request, PahoExecutor executor) throws MqttException {
			super(request.serverUri().toString(), request.settings().getClientId(), new NoPersistence.V5(), null,
					executor);
		}

	}

	/**
	 * Paho's MQTT 5 action listener, whose two methods are {@link PahoActionListener}'s.
	 */
	private static final class Listener<T> extends PahoActionListener<IMqttToken, T> implements MqttActionListener {

		Listener(CompletableFuture<T> future, Function<IMqttToken, T> value) {
			super(future, value);
		}

	}

}
