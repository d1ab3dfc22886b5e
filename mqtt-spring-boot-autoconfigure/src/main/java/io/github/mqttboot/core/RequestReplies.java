package io.github.mqttboot.core;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.github.mqttboot.client.InboundMessage;
import io.github.mqttboot.client.ManagedMqttClient;
import io.github.mqttboot.client.PublishResult;
import io.github.mqttboot.client.Subscription;

/**
 * MQTT 5 request/response for {@link MqttTemplate}: one reply topic per client, subscribed on
 * the first request, and correlation data that pairs each reply with its request.
 *
 * @author mqtt-spring-boot-starter
 */
final class RequestReplies {

	private final ManagedMqttClient client;

	private final Sender sender;

	private final String replyTopic;

	private final Map<String, CompletableFuture<InboundMessage>> pending = new ConcurrentHashMap<>();

	private CompletableFuture<Subscription> subscription;

	RequestReplies(ManagedMqttClient client, Sender sender) {
		this.client = client;
		this.sender = sender;
		this.replyTopic = "mqttboot/replies/" + client.getClientId();
	}

	CompletableFuture<InboundMessage> request(String topic, MqttPayloadConverter.Payload payload, int qos,
			Duration timeout) {
		if (this.client.getSettings().getProtocolVersion() != 5) {
			// a reply needs the response topic and correlation data that only MQTT 5 carries
			return CompletableFuture.failedFuture(new UnsupportedOperationException(
					"MqttTemplate.request needs MQTT 5 (response topic and correlation data), but "
							+ "mqtt.protocol-version is " + this.client.getSettings().getProtocolVersion()
							+ "; publish to a reply topic of your own instead"));
		}
		byte[] correlation = correlationData();
		String key = HexFormat.of().formatHex(correlation);
		// completed on the reading thread: its dependents run on the client's callback threads
		CompletableFuture<InboundMessage> reply = this.client.newFuture();
		this.pending.put(key, reply);
		reply.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
			.whenComplete((message, failure) -> this.pending.remove(key));
		MqttPublishOptions options = MqttPublishOptions.builder()
			.responseTopic(this.replyTopic)
			.correlationData(correlation)
			.build();
		subscribed().thenCompose((subscribed) -> this.sender.send(topic, payload, qos, options))
			.whenComplete((sent, failure) -> {
				if (failure != null) {
					reply.completeExceptionally(failure);
				}
			});
		return reply;
	}

	private synchronized CompletableFuture<Subscription> subscribed() {
		if (this.subscription == null || this.subscription.isCompletedExceptionally()) {
			this.subscription = this.client.subscribe(this.replyTopic, 1, this::replied);
		}
		return this.subscription;
	}

	private void replied(InboundMessage message) {
		byte[] correlation = message.properties().correlationData();
		if (correlation == null) {
			return;
		}
		CompletableFuture<InboundMessage> reply = this.pending.remove(HexFormat.of().formatHex(correlation));
		if (reply != null) {
			reply.complete(message);
		}
	}

	private static byte[] correlationData() {
		UUID id = UUID.randomUUID();
		return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array();
	}

	/** Publishes a request as the template publishes: observed, the trace context in its properties. */
	@FunctionalInterface
	interface Sender {

		CompletableFuture<PublishResult> send(String topic, MqttPayloadConverter.Payload payload, int qos,
				MqttPublishOptions options);

	}

}
