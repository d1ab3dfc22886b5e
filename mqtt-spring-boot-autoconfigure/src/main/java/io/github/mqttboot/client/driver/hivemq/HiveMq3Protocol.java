package io.github.mqttboot.client.driver.hivemq;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3SubAckException;
import com.hivemq.client.mqtt.mqtt3.message.auth.Mqtt3SimpleAuth;
import com.hivemq.client.mqtt.mqtt3.message.auth.Mqtt3SimpleAuthBuilder;
import com.hivemq.client.mqtt.mqtt3.message.connect.Mqtt3Connect;
import com.hivemq.client.mqtt.mqtt3.message.connect.Mqtt3ConnectBuilder;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAck;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.Mqtt3Subscribe;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.Mqtt3Subscription;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.suback.Mqtt3SubAck;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.suback.Mqtt3SubAckReturnCode;
import com.hivemq.client.mqtt.mqtt3.message.unsubscribe.Mqtt3Unsubscribe;
import com.hivemq.client.mqtt.mqtt3.message.unsubscribe.Mqtt3UnsubscribeBuilder;
import io.github.mqttboot.client.Failures;
import io.github.mqttboot.client.InboundMessage;
import io.github.mqttboot.client.MqttClientSettings;
import io.github.mqttboot.client.MqttCredentials;
import io.github.mqttboot.client.MqttConnectSettings;
import io.github.mqttboot.client.MqttConnectionException;
import io.github.mqttboot.client.MqttMessageProperties;
import io.github.mqttboot.client.OutboundMessage;
import io.github.mqttboot.client.driver.ConnectFailures;
import io.github.mqttboot.client.driver.ConnectionInfo;
import io.github.mqttboot.client.driver.DriverListener;
import io.github.mqttboot.client.driver.SubscriptionRequest;

/**
 * MQTT 3.1.1 through HiveMQ's client: no message properties (outbound ones are dropped), no
 * Receive Maximum, no subscription identifiers.
 *
 * @author mqtt-spring-boot-starter
 */
final class HiveMq3Protocol implements HiveMqProtocol {

	private final Mqtt3AsyncClient client;

	HiveMq3Protocol(Mqtt3AsyncClient client) {
		this.client = client;
	}

	@Override
	public InboundRelay<?> inbound(DriverListener listener, Executor callbacks, boolean manualAcks) {
		InboundRelay<Mqtt3Publish> relay = new InboundRelay<>(listener, callbacks, manualAcks,
				(publish) -> publish.getQos() == MqttQos.AT_MOST_ONCE, HiveMq3Protocol::inboundMessage,
				Mqtt3Publish::acknowledge);
		this.client.publishes(MqttGlobalPublishFilter.ALL, relay::arrived, InboundRelay::onEventLoop, true);
		return relay;
	}

	private static InboundMessage inboundMessage(Mqtt3Publish publish, Runnable acknowledgement) {
		return new InboundMessage(publish.getTopic().toString(), publish.getPayloadAsBytes(),
				publish.getQos().getCode(), publish.isRetain(), false, 0, MqttMessageProperties.NONE, acknowledgement);
	}

	@Override
	public CompletableFuture<ConnectionInfo> connect(URI serverUri, MqttClientSettings settings,
			MqttCredentials credentials) {
		Mqtt3ConnectBuilder builder = Mqtt3Connect.builder()
			.cleanSession(settings.isCleanStart())
			.keepAlive((int) settings.getKeepAlive().toSeconds());
		if (credentials.username() != null) {
			// MQTT 3.1.1 allows no password without a user name
			Mqtt3SimpleAuthBuilder.Complete auth = Mqtt3SimpleAuth.builder().username(credentials.username());
			if (credentials.password() != null) {
				auth = auth.password(credentials.password().getBytes(StandardCharsets.UTF_8));
			}
			builder.simpleAuth(auth.build());
		}
		MqttConnectSettings.WillMessage will = settings.getWill();
		if (will != null) {
			builder.willPublish(Mqtt3Publish.builder()
				.topic(will.topic())
				.payload(will.payload())
				.qos(HiveMq5Protocol.qos(will.qos()))
				.retain(will.retained())
				.build());
		}
		return this.client.connect(builder.build()).handle((connAck, failure) -> {
			if (failure != null) {
				Throwable cause = Failures.unwrap(failure);
				if (cause instanceof Mqtt3ConnAckException refused) {
					Mqtt3ConnAck refusal = refused.getMqttMessage();
					if (ConnectFailures.classifyMqtt3(serverUri, cause,
							refusal.getReturnCode().getCode()) instanceof MqttConnectionException typed) {
						throw typed;
					}
					throw new IllegalStateException("Connection refused by the broker: "
							+ HiveMqProtocol.phrase(refusal.getReturnCode()) + " ("
							+ refusal.getReturnCode().getCode() + ")", cause);
				}
				throw new CompletionException(cause);
			}
			return new ConnectionInfo(serverUri, connAck.isSessionPresent(), ConnectionInfo.MQTT3_RECEIVE_MAXIMUM, 0L, 0);
		});
	}

	@Override
	public CompletableFuture<Integer> publish(OutboundMessage message) {
		return this.client.publish(Mqtt3Publish.builder()
			.topic(message.topic())
			.payload(message.payload())
			.qos(HiveMq5Protocol.qos(message.qos()))
			.retain(message.retained())
			.build()).thenApply((sent) -> 0);
	}

	@Override
	public CompletableFuture<int[]> subscribe(List<SubscriptionRequest> subscriptions) {
		List<Mqtt3Subscription> filters = subscriptions.stream()
			.map((request) -> Mqtt3Subscription.builder()
				.topicFilter(request.filter())
				.qos(HiveMq5Protocol.qos(request.qos()))
				.build())
			.toList();
		return this.client.subscribe(Mqtt3Subscribe.builder().addSubscriptions(filters).build())
			.handle((subAck, failure) -> {
				if (failure != null) {
					Throwable cause = Failures.unwrap(failure);
					if (cause instanceof Mqtt3SubAckException refused) {
						return codes(refused.getMqttMessage());
					}
					throw new CompletionException(cause);
				}
				return codes(subAck);
			});
	}

	private static int[] codes(Mqtt3SubAck subAck) {
		return subAck.getReturnCodes().stream().mapToInt(Mqtt3SubAckReturnCode::getCode).toArray();
	}

	@Override
	public CompletableFuture<Void> unsubscribe(List<String> filters) {
		Mqtt3UnsubscribeBuilder.Complete builder = Mqtt3Unsubscribe.builder().topicFilter(filters.get(0));
		filters.stream().skip(1).forEach(builder::addTopicFilter);
		return this.client.unsubscribe(builder.build());
	}

	@Override
	public CompletableFuture<Void> disconnect() {
		return this.client.disconnect();
	}

	@Override
	public boolean isConnected() {
		return this.client.getState().isConnected();
	}

}
