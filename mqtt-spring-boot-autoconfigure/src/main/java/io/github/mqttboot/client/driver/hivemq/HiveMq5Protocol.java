package io.github.mqttboot.client.driver.hivemq;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.datatypes.MqttUtf8String;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.datatypes.Mqtt5UserProperties;
import com.hivemq.client.mqtt.mqtt5.datatypes.Mqtt5UserPropertiesBuilder;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5MessageException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubRecException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.message.auth.Mqtt5SimpleAuth;
import com.hivemq.client.mqtt.mqtt5.message.auth.Mqtt5SimpleAuthBuilder;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5Connect;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5ConnectBuilder;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5ConnectRestrictions;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5ConnectRestrictionsBuilder;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5Disconnect;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PayloadFormatIndicator;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishBuilder;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5WillPublish;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5RetainHandling;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5Subscribe;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5Subscription;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAck;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.unsubscribe.Mqtt5Unsubscribe;
import com.hivemq.client.mqtt.mqtt5.message.unsubscribe.Mqtt5UnsubscribeBuilder;
import io.github.mqttboot.client.Failures;
import io.github.mqttboot.client.InboundMessage;
import io.github.mqttboot.client.MqttClientSettings;
import io.github.mqttboot.client.MqttCredentials;
import io.github.mqttboot.client.MqttConnectSettings;
import io.github.mqttboot.client.MqttConnectionException;
import io.github.mqttboot.client.MqttDisconnectedException;
import io.github.mqttboot.client.MqttMessageProperties;
import io.github.mqttboot.client.OutboundMessage;
import io.github.mqttboot.client.driver.ConnectFailures;
import io.github.mqttboot.client.driver.ConnectionInfo;
import io.github.mqttboot.client.driver.DriverListener;
import io.github.mqttboot.client.driver.DriverConnection.RefusedException;
import io.github.mqttboot.client.driver.SubscriptionRequest;

/**
 * MQTT 5 through HiveMQ's client. HiveMQ assigns subscription identifiers itself and does not
 * expose them, so messages are routed by topic; it does not expose packet identifiers nor the
 * DUP flag either.
 *
 * @author mqtt-spring-boot-starter
 */
final class HiveMq5Protocol implements HiveMqProtocol {

	private final Mqtt5AsyncClient client;

	HiveMq5Protocol(Mqtt5AsyncClient client) {
		this.client = client;
	}

	@Override
	public InboundRelay<?> inbound(DriverListener listener, Executor callbacks, boolean manualAcks) {
		InboundRelay<Mqtt5Publish> relay = new InboundRelay<>(listener, callbacks, manualAcks,
				(publish) -> publish.getQos() == MqttQos.AT_MOST_ONCE, HiveMq5Protocol::inboundMessage,
				Mqtt5Publish::acknowledge);
		this.client.publishes(MqttGlobalPublishFilter.ALL, relay::arrived, InboundRelay::onEventLoop, true);
		return relay;
	}

	private static InboundMessage inboundMessage(Mqtt5Publish publish, Runnable acknowledgement) {
		Map<String, String> user = new LinkedHashMap<>();
		publish.getUserProperties()
			.asList()
			.forEach((property) -> user.putIfAbsent(property.getName().toString(), property.getValue().toString()));
		MqttMessageProperties properties = new MqttMessageProperties(
				publish.getContentType().map(MqttUtf8String::toString).orElse(null),
				publish.getResponseTopic().map(Object::toString).orElse(null),
				publish.getCorrelationData().map(HiveMqProtocol::bytes).orElse(null), user);
		return new InboundMessage(publish.getTopic().toString(), publish.getPayloadAsBytes(),
				publish.getQos().getCode(), publish.isRetain(), false, 0, properties, acknowledgement);
	}

	/** No outgoing topic aliases; the largest packet the broker may send, when set. */
	private static Mqtt5ConnectRestrictions restrictions(MqttClientSettings settings) {
		Mqtt5ConnectRestrictionsBuilder restrictions = Mqtt5ConnectRestrictions.builder().sendTopicAliasMaximum(0);
		if (settings.getMaximumPacketSize() > 0) {
			restrictions.maximumPacketSize((int) Math.min(Integer.MAX_VALUE, settings.getMaximumPacketSize()));
		}
		return restrictions.build();
	}

	@Override
	public CompletableFuture<ConnectionInfo> connect(URI serverUri, MqttClientSettings settings,
			MqttCredentials credentials) {
		// no Receive Maximum of the listeners' capacity, unlike Paho: HiveMQ drops the connection
		// when a broker exceeds it, and Mosquitto 2.0.11 did under a flood (docs/drivers.md). A
		// full hand-off blocks the callback thread only; Netty keeps reading and pinging
		Mqtt5ConnectBuilder builder = Mqtt5Connect.builder()
			.cleanStart(settings.isCleanStart())
			.sessionExpiryInterval(settings.getSessionExpiry().toSeconds())
			.keepAlive((int) settings.getKeepAlive().toSeconds())
			.restrictions(restrictions(settings));
		if (credentials.username() != null || credentials.password() != null) {
			builder.simpleAuth(simpleAuth(credentials.username(), credentials.password()));
		}
		MqttConnectSettings.WillMessage will = settings.getWill();
		if (will != null) {
			builder.willPublish(Mqtt5WillPublish.builder()
				.topic(will.topic())
				.payload(will.payload())
				.qos(qos(will.qos()))
				.retain(will.retained())
				.build()
				.asWill());
		}
		return this.client.connect(builder.build())
			.handle((connAck, failure) -> connected(serverUri, connAck, failure));
	}

	private static Mqtt5SimpleAuth simpleAuth(String username, String password) {
		Mqtt5SimpleAuthBuilder start = Mqtt5SimpleAuth.builder();
		Mqtt5SimpleAuthBuilder.Complete auth = (username != null) ? start.username(username)
				: start.password(password.getBytes(StandardCharsets.UTF_8));
		if (username != null && password != null) {
			auth = auth.password(password.getBytes(StandardCharsets.UTF_8));
		}
		return auth.build();
	}

	private static ConnectionInfo connected(URI serverUri, Mqtt5ConnAck connAck, Throwable failure) {
		if (failure != null) {
			Throwable cause = Failures.unwrap(failure);
			if (cause instanceof Mqtt5ConnAckException refused) {
				Mqtt5ConnAck refusal = refused.getMqttMessage();
				if (ConnectFailures.classify(serverUri, cause,
						refusal.getReasonCode().getCode()) instanceof MqttConnectionException typed) {
					throw typed;
				}
				throw new IllegalStateException("Connection refused by the broker: "
						+ HiveMqProtocol.phrase(refusal.getReasonCode()) + " (0x"
						+ Integer.toHexString(refusal.getReasonCode().getCode()) + ")", cause);
			}
			throw new CompletionException(cause);
		}
		return new ConnectionInfo(serverUri, connAck.isSessionPresent(), connAck.getRestrictions().getReceiveMaximum(),
				connAck.getRestrictions().getMaximumPacketSize(), connAck.getRestrictions().getTopicAliasMaximum());
	}

	@Override
	public CompletableFuture<Integer> publish(OutboundMessage message) {
		Mqtt5PublishBuilder.Complete builder = Mqtt5Publish.builder()
			.topic(message.topic())
			.payload(message.payload())
			.qos(qos(message.qos()))
			.retain(message.retained());
		MqttMessageProperties properties = message.properties();
		if (properties != null) {
			builder.contentType(properties.contentType());
			builder.responseTopic(properties.responseTopic());
			builder.correlationData(properties.correlationData());
			if (properties.messageExpiry() != null) {
				builder.messageExpiryInterval(properties.messageExpiry().toSeconds());
			}
			if (properties.payloadFormatUtf8() != null) {
				builder.payloadFormatIndicator(properties.payloadFormatUtf8() ? Mqtt5PayloadFormatIndicator.UTF_8
						: Mqtt5PayloadFormatIndicator.UNSPECIFIED);
			}
			if (!properties.userProperties().isEmpty()) {
				Mqtt5UserPropertiesBuilder user = Mqtt5UserProperties.builder();
				properties.userProperties().forEach(user::add);
				builder.userProperties(user.build());
			}
		}
		// HiveMQ fails the future with a refusal, which must not look like a transient failure
		// (the publisher would send it again and again)
		return this.client.publish(builder.build()).handle((result, failure) -> {
			Throwable error = (failure != null) ? Failures.unwrap(failure) : result.getError().orElse(null);
			if (error instanceof Mqtt5MessageException refusal) {
				throw refused(refusal);
			}
			if (error != null) {
				throw new CompletionException(error);
			}
			return 0;
		});
	}

	/** A reason code of 0x80 or more in PUBACK or PUBREC: the broker's refusal. */
	private static RefusedException refused(Mqtt5MessageException refusal) {
		Enum<?> reason = null;
		int code = -1;
		if (refusal instanceof Mqtt5PubAckException pubAck) {
			reason = pubAck.getMqttMessage().getReasonCode();
			code = pubAck.getMqttMessage().getReasonCode().getCode();
		}
		else if (refusal instanceof Mqtt5PubRecException pubRec) {
			reason = pubRec.getMqttMessage().getReasonCode();
			code = pubRec.getMqttMessage().getReasonCode().getCode();
		}
		String message = (reason != null) ? "reason code 0x" + Integer.toHexString(code) + " ("
				+ HiveMqProtocol.phrase(reason) + ") from the broker" : refusal.getMessage();
		return new RefusedException(message, code, refusal);
	}

	@Override
	public CompletableFuture<int[]> subscribe(List<SubscriptionRequest> subscriptions) {
		List<Mqtt5Subscription> filters = subscriptions.stream()
			.map((request) -> Mqtt5Subscription.builder()
				.topicFilter(request.filter())
				.qos(qos(request.qos()))
				.noLocal(request.options().noLocal())
				.retainHandling(Mqtt5RetainHandling.fromCode(request.options().retainHandling().code()))
				.retainAsPublished(request.options().retainAsPublished())
				.build())
			.toList();
		return this.client.subscribe(Mqtt5Subscribe.builder().addSubscriptions(filters).build())
			.handle((subAck, failure) -> {
				if (failure != null) {
					Throwable cause = Failures.unwrap(failure);
					if (cause instanceof Mqtt5SubAckException refused) {
						// some filter was refused: the codes say which
						return codes(refused.getMqttMessage());
					}
					throw new CompletionException(cause);
				}
				return codes(subAck);
			});
	}

	private static int[] codes(Mqtt5SubAck subAck) {
		return subAck.getReasonCodes().stream().mapToInt(Mqtt5SubAckReasonCode::getCode).toArray();
	}

	@Override
	public CompletableFuture<Void> unsubscribe(List<String> filters) {
		Mqtt5UnsubscribeBuilder.Complete builder = Mqtt5Unsubscribe.builder().topicFilter(filters.get(0));
		filters.stream().skip(1).forEach(builder::addTopicFilter);
		return this.client.unsubscribe(builder.build()).thenApply((unsubAck) -> null);
	}

	/** A DISCONNECT of the broker's, with the reason code that says why. */
	@Override
	public Throwable disconnectedByServer(Throwable cause) {
		if (cause instanceof Mqtt5DisconnectException disconnect) {
			Mqtt5Disconnect message = disconnect.getMqttMessage();
			return new MqttDisconnectedException(message.getReasonCode().getCode(),
					message.getReasonString().map(Object::toString).orElse(null), cause);
		}
		return cause;
	}

	@Override
	public CompletableFuture<Void> disconnect() {
		return this.client.disconnect();
	}

	@Override
	public boolean isConnected() {
		return this.client.getState().isConnected();
	}

	static MqttQos qos(int qos) {
		MqttQos value = MqttQos.fromCode(qos);
		if (value == null) {
			throw new IllegalArgumentException("QoS must be 0, 1 or 2, not " + qos);
		}
		return value;
	}

}
