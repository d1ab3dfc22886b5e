package io.github.mqttboot.listener;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.github.mqttboot.client.InboundHandOff;
import io.github.mqttboot.client.InboundMessage;
import io.github.mqttboot.client.ManagedMqttClient;
import io.github.mqttboot.observation.MqttObservations;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.backoff.BackOffExecution;

/**
 * Handles one listener's messages on its workers: converts, invokes, retries with backoff,
 * and takes the failure path. A message being retried holds back only its own topic: the
 * messages of that topic that arrive meanwhile are parked behind it, in order, while the
 * worker's other topics flow on. Anything the method, a converter, a validator, the error handler
 * or the dead letter throws takes the failure path, {@code Error}s included (an
 * {@code OutOfMemoryError} aside): the worker takes the next message.
 *
 * @author mqtt-spring-boot-starter
 */
final class ListenerWork {

	private final MqttListenerEndpoint endpoint;

	private final String clientName;

	private final ListenerInvoker invoker;

	private final ListenerFailures failures;

	private final MqttListenerObserver observer;

	private final ListenerSettings settings;

	private final AtomicLong errors = new AtomicLong();

	ListenerWork(MqttListenerEndpoint endpoint, String clientName, ListenerInvoker invoker, ListenerFailures failures,
			MqttListenerObserver observer, ListenerSettings settings) {
		this.endpoint = endpoint;
		this.clientName = clientName;
		this.invoker = invoker;
		this.failures = failures;
		this.observer = observer;
		this.settings = settings;
	}

	/**
	 * Creates a hand-off whose workers handle messages here and give a retry back to that same
	 * hand-off, with retries of its own: a worker stopped from its own handler (or one that
	 * outlived its stop) takes its queued messages after the container let go of the hand-off,
	 * perhaps for a new one, whose topics its retries must not hold back.
	 * @param client the listener's client
	 * @return the hand-off, not started
	 */
	InboundHandOff<InboundMessage> newHandOff(ManagedMqttClient client) {
		AtomicReference<InboundHandOff<InboundMessage>> created = new AtomicReference<>();
		Retries retries = new Retries();
		// each worker may receive every in-flight message (one topic): the whole capacity each
		created.set(client.createInboundHandOff("listener", this.endpoint.concurrency(), this.settings.queueCapacity(),
				(message) -> process(created.get(), retries, message)));
		return created.get();
	}

	/**
	 * Handles one message on the worker of its topic.
	 * @param handOff the hand-off the message came from, where a retry goes back to
	 * @param retries that hand-off's retries
	 * @param message the message
	 */
	private void process(InboundHandOff<InboundMessage> handOff, Retries retries, InboundMessage message) {
		String topic = message.topic();
		ListenerRetry.Attempts attempts = retries.waiting.remove(message);
		if (attempts == null && retries.heldTopics.contains(topic)) {
			handOff.park(topic, message);
			return;
		}
		Message<byte[]> springMessage = null;
		Throwable failure = null;
		boolean oversized = message.payloadLength() > this.settings.maxPayloadBytes();
		long start = System.nanoTime();
		try {
			springMessage = this.invoker.toMessage(message);
			// handed off without its payload: the error path gets the headers, an empty payload
			invoke(springMessage, oversized ? new MqttListenerException(this.endpoint.id(), topic, "payload of "
					+ message.payloadLength() + " bytes exceeds mqtt.listener.max-payload-size ("
					+ this.settings.maxPayloadBytes() + " bytes)", null) : null);
		}
		catch (OutOfMemoryError ex) {
			throw ex;
		}
		catch (Throwable ex) {
			failure = ex;
		}
		this.observer.handled(this.endpoint.id(), failure == null, System.nanoTime() - start);
		if (failure != null && !oversized && retryLater(handOff, retries, message, failure, attempts)) {
			return;
		}
		if (failure != null) {
			this.errors.incrementAndGet();
			Message<byte[]> failed = (springMessage != null) ? springMessage
					: MessageBuilder.withPayload(message.payload()).build();
			this.failures.handle(this.endpoint, failed, failure, (attempts != null) ? attempts.made() : 1);
		}
		try {
			if (this.settings.ackAfterHandler()) {
				message.release();
			}
		}
		finally {
			// whatever the acknowledgement does, the messages held back behind this one go on
			if (retries.heldTopics.remove(topic)) {
				handOff.unpark(topic);
			}
		}
	}

	private boolean retryLater(InboundHandOff<InboundMessage> handOff, Retries retries, InboundMessage message,
			Throwable failure, ListenerRetry.Attempts attempts) {
		if (this.endpoint.maxAttempts() <= 1 || !ListenerRetry.isRetryable(failure)) {
			return false;
		}
		ListenerRetry.Attempts current = (attempts != null) ? attempts
				: new ListenerRetry.Attempts(this.settings.retry().backOff(this.endpoint.maxAttempts()).start());
		long wait = current.nextWait();
		if (wait == BackOffExecution.STOP) {
			return false;
		}
		current.another();
		retries.waiting.put(message, current);
		retries.heldTopics.add(message.topic());
		this.observer.retried(this.endpoint.id());
		handOff.retryLater(message.topic(), message, TimeUnit.MILLISECONDS.toNanos(wait));
		return true;
	}

	/**
	 * Calls the method, or fails with the rejection: observed either way, so that the
	 * observation's timer counts a rejected message as a failure, as the starter's does.
	 */
	private void invoke(Message<byte[]> message, MqttListenerException rejection) throws Exception {
		ObservationRegistry registry = this.settings.observationRegistry();
		if (registry == null || registry.isNoop()) {
			invokeOrReject(message, rejection);
			return;
		}
		MqttObservations
			.listener(registry, this.settings.observationConvention(), this.clientName, this.endpoint.id(), message)
			.observeChecked(() -> invokeOrReject(message, rejection));
	}

	private void invokeOrReject(Message<byte[]> message, MqttListenerException rejection) throws Exception {
		if (rejection != null) {
			throw rejection;
		}
		this.invoker.invoke(message);
	}

	long errorCount() {
		return this.errors.get();
	}

	/**
	 * The retries of one hand-off; a stop drops them with it, their messages unacknowledged.
	 */
	private static final class Retries {

		/** Topics with a message waiting for its next attempt. */
		final Set<String> heldTopics = ConcurrentHashMap.newKeySet();

		/** Messages waiting for their next attempt, by identity. */
		final Map<InboundMessage, ListenerRetry.Attempts> waiting = new ConcurrentHashMap<>();

	}

}
