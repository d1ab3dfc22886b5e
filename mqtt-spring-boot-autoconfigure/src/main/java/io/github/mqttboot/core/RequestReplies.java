package io.github.mqttboot.core;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import io.github.mqttboot.client.Failures;
import io.github.mqttboot.client.InboundMessage;
import io.github.mqttboot.client.ManagedMqttClient;
import io.github.mqttboot.client.MqttSubscriptionException;
import io.github.mqttboot.client.OffloadingFuture;
import io.github.mqttboot.client.PublishResult;
import io.github.mqttboot.client.Subscription;

/**
 * MQTT 5 request/response for {@link MqttTemplate}: one reply topic per client, subscribed on
 * the first request, and correlation data that pairs each reply with its request. Once the
 * reply topic is subscribed, a request is sent on the caller's thread and its reply completes
 * the caller's future from the reading thread: no thread hop on a round trip, and no timer per
 * request either (one expiry sweep is armed for the earliest deadline).
 *
 * @author mqtt-spring-boot-starter
 */
final class RequestReplies {

	/** The longest wait for a reply that deadlines can hold: about 146 years. */
	private static final long MAX_WAIT_NANOS = Long.MAX_VALUE / 2;

	private final ManagedMqttClient client;

	private final Sender sender;

	private final String replyTopic;

	/** The first half of every correlation: a reply to another run's request has another. */
	private final long correlationPrefix = new SecureRandom().nextLong();

	private final AtomicLong sequence = new AtomicLong();

	/** Requests waiting for their reply, by the second half of their correlation data. */
	private final Map<Long, Pending> pending = new ConcurrentHashMap<>();

	/** Guarded by {@code this}: whether a sweep is armed, and for when. */
	private boolean sweepArmed;

	private long sweepAt;

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
		long id = this.sequence.incrementAndGet();
		// completed on the reading thread: its dependents run on the client's callback threads
		OffloadingFuture<byte[]> reply = this.client.newFuture();
		long deadline = System.nanoTime() + Math.min(TimeUnit.MILLISECONDS.toNanos(timeout.toMillis()), MAX_WAIT_NANOS);
		this.pending.put(id, new Pending(reply, deadline, topic, timeout));
		reply.whenCompleteInline((bytes, failure) -> this.pending.remove(id));
		expireBy(deadline);
		byte[] correlation = ByteBuffer.allocate(16).putLong(this.correlationPrefix).putLong(id).array();
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
		OffloadingFuture.whenCompleteInline(sent, (result, failure) -> {
			if (failure != null) {
				reply.completeExceptionally(failure);
			}
		});
		return reply;
	}

	/**
	 * Arms a sweep for a deadline unless one runs before it. Requests with the same timeout
	 * have ever later deadlines, so a steady stream of them arms one sweep per timeout period,
	 * where a timer per request would wake the timer thread at every request.
	 */
	private void expireBy(long deadline) {
		synchronized (this) {
			if (this.sweepArmed && this.sweepAt - deadline <= 0) {
				return;
			}
			this.sweepArmed = true;
			this.sweepAt = deadline;
		}
		long delay = Math.max(0, deadline - System.nanoTime());
		// run on the JDK's timer thread, as orTimeout would: completing a reply never blocks
		CompletableFuture.delayedExecutor(delay, TimeUnit.NANOSECONDS, Runnable::run).execute(() -> sweep(deadline));
	}

	private void sweep(long armedFor) {
		synchronized (this) {
			if (this.sweepArmed && this.sweepAt == armedFor) {
				this.sweepArmed = false;
			}
		}
		long now = System.nanoTime();
		Long next = null;
		for (Pending request : this.pending.values()) {
			if (request.deadline() - now <= 0) {
				request.reply().completeExceptionally(new TimeoutException("No reply to the request to '"
						+ request.topic() + "' within " + request.timeout().toMillis() + " ms"));
			}
			else if (next == null || request.deadline() - next < 0) {
				next = request.deadline();
			}
		}
		if (next != null) {
			expireBy(next);
		}
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
			if (this.subscription != null) {
				// a refused subscription stays the client's, asked for again on every reconnect:
				// given up before asking again, or each request would leave one more
				this.subscription.exceptionally((failure) -> {
					if (Failures.unwrap(failure) instanceof MqttSubscriptionException refused) {
						this.client.unsubscribe(refused.getSubscription());
					}
					return null;
				});
			}
			this.subscription = this.client.subscribe(this.replyTopic, 1, this::replied);
		}
		return this.subscription;
	}

	private void replied(InboundMessage message) {
		byte[] correlation = message.properties().correlationData();
		if (correlation == null || correlation.length != 16) {
			return;
		}
		ByteBuffer buffer = ByteBuffer.wrap(correlation);
		if (buffer.getLong() != this.correlationPrefix) {
			return;
		}
		Pending request = this.pending.remove(buffer.getLong());
		if (request != null) {
			request.reply().complete(message.payload());
		}
	}

	/** A request waiting for its reply until its deadline ({@link System#nanoTime()}). */
	private record Pending(OffloadingFuture<byte[]> reply, long deadline, String topic, Duration timeout) {

	}

	/** Publishes a request as the template publishes: observed, the trace context in its properties. */
	@FunctionalInterface
	interface Sender {

		CompletableFuture<PublishResult> send(String topic, MqttPayloadConverter.Payload payload, int qos,
				MqttPublishOptions options);

	}

}
