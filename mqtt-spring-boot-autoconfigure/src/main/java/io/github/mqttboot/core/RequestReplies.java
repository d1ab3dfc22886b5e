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
import io.github.mqttboot.client.OffloadingFuture;
import io.github.mqttboot.client.PublishResult;
import io.github.mqttboot.client.Subscription;

/**
 * MQTT 5 request/response for {@link MqttTemplate}: one reply topic per client, subscribed on
 * the first request, and correlation data that pairs each reply with its request. Once the
 * reply topic is subscribed, a request is sent on the caller's thread and its reply completes
 * the caller's future from the reading thread: no thread hop on a round trip.
 *
 * @author mqtt-spring-boot-starter
 */
final class RequestReplies {

	private final ManagedMqttClient client;

	private final Sender sender;

	private final String replyTopic;

	private final Map<String, CompletableFuture<byte[]>> pending = new ConcurrentHashMap<>();

	private CompletableFuture<Subscription> subscription;

	RequestReplies(ManagedMqttClient client, Sender sender) {
		this.client = client;
		this.sender = sender;
		this.replyTopic = "mqttboot/replies/" + client.getClientId();
	}

	/**
	 * Sends a request.
	 * @return the reply's payload: an {@link OffloadingFuture}, whose dependents run on the
	 * client's callback threads
	 */
	CompletableFuture<byte[]> request(String topic, MqttPayloadConverter.Payload payload, int qos,
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
		OffloadingFuture<byte[]> reply = this.client.newFuture();
		this.pending.put(key, reply);
		reply.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
		reply.whenCompleteInline((bytes, failure) -> this.pending.remove(key));
		MqttPublishOptions options = MqttPublishOptions.builder()
			.responseTopic(this.replyTopic)
			.correlationData(correlation)
			.build();
		CompletableFuture<Subscription> subscribed = subscribed();
		CompletableFuture<PublishResult> sent;
		if (subscribed.isDone() && !subscribed.isCompletedExceptionally()) {
			sent = send(topic, payload, qos, options);
		}
		else {
			// the first request waits for the reply subscription, then goes out on a callback thread
			sent = subscribed.thenCompose((subscription) -> send(topic, payload, qos, options));
		}
		sent.whenComplete((result, failure) -> {
			if (failure != null) {
				reply.completeExceptionally(failure);
			}
		});
		return reply;
	}

	private CompletableFuture<PublishResult> send(String topic, MqttPayloadConverter.Payload payload, int qos,
			MqttPublishOptions options) {
		try {
			return this.sender.send(topic, payload, qos, options);
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
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
		CompletableFuture<byte[]> reply = this.pending.remove(HexFormat.of().formatHex(correlation));
		if (reply != null) {
			reply.complete(message.payload());
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
