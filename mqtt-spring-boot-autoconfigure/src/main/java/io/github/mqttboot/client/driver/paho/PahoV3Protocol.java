package io.github.mqttboot.client.driver.paho;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import io.github.mqttboot.client.MqttMessageProperties;
import io.github.mqttboot.client.OutboundMessage;
import io.github.mqttboot.client.driver.ConnectFailures;
import io.github.mqttboot.client.driver.ConnectRequest;
import io.github.mqttboot.client.driver.ConnectionInfo;
import io.github.mqttboot.client.driver.SubscriptionRequest;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.MqttPingSender;
import org.eclipse.paho.client.mqttv3.ScheduledExecutorPingSender;

/**
 * MQTT 3.1.1 through Paho's MQTT 3.1.1 client. MQTT 3.1.1 carries no message properties:
 * outbound ones are dropped, inbound messages have none, and no subscription identifiers (the
 * client routes by topic).
 *
 * @author mqtt-spring-boot-starter
 */
final class PahoV3Protocol implements PahoProtocol, MqttCallback {

	/** SUBACK's failure return code in MQTT 3.1.1. */
	private static final int SUBSCRIBE_FAILURE = 0x80;

	private final URI serverUri;

	private final MqttConnectOptions options;

	private final PahoConnection connection;

	private final Client client;

	PahoV3Protocol(ConnectRequest request, MqttConnectOptions options, PahoExecutor executor,
			PahoConnection connection) throws MqttException {
		this.serverUri = request.serverUri();
		this.options = options;
		this.connection = connection;
		// the ping sender runs on the owned pool too: Paho's default starts a Timer thread
		this.client = new Client(request, new ScheduledExecutorPingSender(executor), executor);
	}

	@Override
	public PahoClient client() {
		return this.client;
	}

	@Override
	public void connect(CompletableFuture<ConnectionInfo> connack) throws MqttException {
		int window = this.options.getMaxInflight();
		this.client.setCallback(this);
		this.client.connect(this.options, null, new Listener<>(connack,
				(token) -> new ConnectionInfo(this.serverUri, token.getSessionPresent(), window, 0L, 0)));
	}

	@Override
	public Throwable connectFailure(Throwable exception) {
		// Paho's reason code of a refused CONNECT is the 3.1.1 return code
		int returnCode = (exception instanceof MqttException mqtt) ? mqtt.getReasonCode() : -1;
		return ConnectFailures.classifyMqtt3(this.serverUri, exception, returnCode);
	}

	@Override
	public CompletableFuture<Integer> publish(OutboundMessage message) throws MqttException {
		CompletableFuture<Integer> result = new CompletableFuture<>();
		MqttMessage pahoMessage = new MqttMessage(message.payload());
		pahoMessage.setQos(message.qos());
		pahoMessage.setRetained(message.retained());
		this.client.publish(message.topic(), pahoMessage, null, new Listener<>(result, IMqttToken::getMessageId));
		return result;
	}

	@Override
	public boolean isWindowFull(Exception exception) {
		return exception instanceof MqttException mqtt
				&& mqtt.getReasonCode() == MqttException.REASON_CODE_MAX_INFLIGHT;
	}

	@Override
	public CompletableFuture<int[]> subscribe(List<SubscriptionRequest> subscriptions) throws MqttException {
		// no subscription identifiers in 3.1.1: one SUBSCRIBE for all filters
		CompletableFuture<int[]> result = new CompletableFuture<>();
		String[] filters = subscriptions.stream().map(SubscriptionRequest::filter).toArray(String[]::new);
		int[] qos = subscriptions.stream().mapToInt(SubscriptionRequest::qos).toArray();
		this.client.subscribe(filters, qos, null, new Listener<>(result, PahoV3Protocol::grantedCodes));
		return result;
	}

	/** Paho reports a refused filter as a failed token with 128 among the granted QoS. */
	private static int[] grantedCodes(IMqttToken token) {
		int[] granted = token.getGrantedQos();
		return (granted != null) ? granted : new int[] { SUBSCRIBE_FAILURE };
	}

	@Override
	public CompletableFuture<Void> unsubscribe(List<String> filters) throws MqttException {
		CompletableFuture<Void> result = new CompletableFuture<>();
		this.client.unsubscribe(filters.toArray(String[]::new), null, new Listener<>(result, (token) -> null));
		return result;
	}

	@Override
	public void disconnect(long timeoutMillis) throws MqttException {
		this.client.disconnect(timeoutMillis).waitForCompletion(timeoutMillis);
	}

	@Override
	public void messageArrived(String topic, MqttMessage message) {
		this.connection.messageArrived(topic, message.getPayload(), message.getQos(), message.isRetained(),
				message.isDuplicate(), message.getId(), MqttMessageProperties.NONE, List.of());
	}

	@Override
	public boolean holdsAcknowledgement(int qos) {
		// Paho 3.1.1 hands over a QoS 2 message on PUBREL; with manual acks its PUBCOMP, like a
		// QoS 1 PUBACK, goes out when the message is acknowledged, and Paho then forgets it
		return qos > 0;
	}

	@Override
	public void connectionLost(Throwable cause) {
		this.connection.connectionLost(cause);
	}

	@Override
	public void deliveryComplete(IMqttDeliveryToken token) {
	}

	/**
	 * Paho's MQTT 3.1.1 client, as a {@link PahoClient}: the calls it shares with the MQTT 5
	 * client are its own.
	 */
	private static final class Client extends MqttAsyncClient implements PahoClient {

		Client(ConnectRequest request, MqttPingSender pingSender, PahoExecutor executor) throws MqttException {
			super(request.serverUri().toString(), request.settings().getClientId(), new NoPersistence.V3(),
					pingSender, executor);
		}

	}

	/**
	 * Paho's MQTT 3.1.1 action listener, whose two methods are {@link PahoActionListener}'s; a
	 * SUBACK that refused a filter completes the future with the return codes, as with MQTT 5.
	 */
	private static final class Listener<T> extends PahoActionListener<IMqttToken, T> implements IMqttActionListener {

		Listener(CompletableFuture<T> future, Function<IMqttToken, T> value) {
			super(future, value);
		}

		@Override
		public void onFailure(IMqttToken token, Throwable exception) {
			int[] granted = (token != null) ? token.getGrantedQos() : null;
			if (granted != null && granted.length > 0 && exception instanceof MqttException mqtt
					&& mqtt.getReasonCode() == SUBSCRIBE_FAILURE) {
				// a refused filter: let the caller see the return codes, as with MQTT 5
				onSuccess(token);
				return;
			}
			super.onFailure(token, exception);
		}

	}

}
