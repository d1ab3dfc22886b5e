package io.github.mqttboot.integration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

import io.github.mqttboot.client.InboundMessage;
import io.github.mqttboot.client.ManagedMqttClient;
import io.github.mqttboot.client.RetainHandling;
import io.github.mqttboot.client.Subscription;
import io.github.mqttboot.client.SubscriptionOptions;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.common.MqttSubscription;

/**
 * The subscriptions that adapters make through {@link SupervisedMqttAsyncClient}: held by the
 * client, so restored on every connect. Messages reach the Paho listener on the dispatcher's
 * thread and are acknowledged when it returns, or when the adapter acknowledges them.
 *
 * @author mqtt-spring-boot-starter
 */
final class AdapterSubscriptions {

	private static final Log logger = LogFactory.getLog(AdapterSubscriptions.class);

	private final ManagedMqttClient client;

	private final InboundDispatcher dispatcher;

	private final Map<String, Entry> byFilter = new ConcurrentHashMap<>();

	private final Map<Integer, InboundMessage> awaitingAck = new ConcurrentHashMap<>();

	private final IntSupplier ids;

	private volatile boolean manualAcks;

	AdapterSubscriptions(ManagedMqttClient client, InboundDispatcher dispatcher, IntSupplier ids) {
		this.client = client;
		this.dispatcher = dispatcher;
		this.ids = ids;
	}

	void setManualAcks(boolean manualAcks) {
		this.manualAcks = manualAcks;
	}

	/**
	 * Subscribes each filter with its listener, or all with one listener.
	 * @return the reason code granted for each filter, once the broker answered (at once while
	 * disconnected: the next connect subscribes)
	 */
	CompletableFuture<int[]> subscribe(MqttSubscription[] requested, IMqttMessageListener[] listeners) {
		List<CompletableFuture<Subscription>> granted = new ArrayList<>();
		for (int i = 0; i < requested.length; i++) {
			IMqttMessageListener listener = (listeners.length == 1) ? listeners[0] : listeners[i];
			granted.add(subscribe(requested[i].getTopic(), requested[i].getQos(), options(requested[i]), listener));
		}
		return CompletableFuture.allOf(granted.toArray(CompletableFuture[]::new))
			.thenApply((done) -> granted.stream().mapToInt((future) -> Math.max(0, future.join().reasonCode())).toArray());
	}

	/** The MQTT 5 options an adapter asked for: no local, retain handling, retain as published. */
	private static SubscriptionOptions options(MqttSubscription requested) {
		RetainHandling retainHandling = Arrays.stream(RetainHandling.values())
			.filter((candidate) -> candidate.code() == requested.getRetainHandling())
			.findFirst()
			.orElse(RetainHandling.SEND);
		return new SubscriptionOptions(requested.isNoLocal(), retainHandling, requested.isRetainAsPublished());
	}

	/**
	 * Subscribing a filter again replaces its listener, as with Paho, without a new SUBSCRIBE.
	 * Synchronized: an adapter subscribes from its start and from connect callbacks.
	 */
	private synchronized CompletableFuture<Subscription> subscribe(String filter, int qos, SubscriptionOptions options,
			IMqttMessageListener listener) {
		Entry existing = this.byFilter.get(filter);
		if (existing != null && existing.qos == qos && existing.options.equals(options)) {
			existing.listener = listener;
			return existing.subscribed;
		}
		if (existing != null) {
			unsubscribe(filter);
		}
		Entry entry = new Entry(listener, qos, options);
		this.byFilter.put(filter, entry);
		entry.subscribed = this.client.subscribe(filter, qos, options, (message) -> deliver(entry, message));
		entry.subscribed.whenComplete((subscription, failure) -> {
			if (failure != null) {
				this.byFilter.remove(filter, entry);
			}
		});
		return entry.subscribed;
	}

	CompletableFuture<Void> unsubscribe(String[] filters) {
		List<CompletableFuture<Void>> done = new ArrayList<>();
		for (String filter : filters) {
			done.add(unsubscribe(filter));
		}
		return CompletableFuture.allOf(done.toArray(CompletableFuture[]::new));
	}

	private CompletableFuture<Void> unsubscribe(String filter) {
		Entry entry = this.byFilter.remove(filter);
		if (entry == null) {
			return CompletableFuture.completedFuture(null);
		}
		// a refused subscription is no longer the client's: nothing to unsubscribe
		return entry.subscribed.handle((subscription, failure) -> subscription)
			.thenCompose((subscription) -> (subscription != null) ? this.client.unsubscribe(subscription)
					: CompletableFuture.completedFuture(null));
	}

	private void deliver(Entry entry, InboundMessage message) {
		// held here, on the reading thread, before the registry gives up its own hold: the ack
		// waits for the flow. Left held (unacknowledged) when stopped: the broker sends it again
		// to a persistent session
		InboundMessage held = message.retain();
		this.dispatcher.dispatch(() -> handle(entry, held));
	}

	private void handle(Entry entry, InboundMessage message) {
		boolean manual = this.manualAcks && message.qos() > 0;
		// with manual acks the adapter acknowledges by the message's id: one of our own, unique
		// while in use (HiveMQ exposes no packet id, and a resent message reuses its packet id)
		int id = this.manualAcks ? this.ids.getAsInt() : message.messageId();
		if (manual) {
			this.awaitingAck.put(id, message);
		}
		try {
			entry.listener.messageArrived(message.topic(), PahoMessages.toPaho(message, id));
		}
		catch (OutOfMemoryError ex) {
			throw ex;
		}
		catch (Throwable ex) {
			// a poison message (an Error too) is logged and acknowledged: it must not stop the
			// connection, nor come back with every reconnect of a persistent session
			logger.warn("Spring Integration listener failed on a message from '" + message.topic() + "'", ex);
			if (manual) {
				acknowledge(id);
			}
		}
		finally {
			if (!manual) {
				message.release();
			}
		}
	}

	void acknowledge(int messageId) {
		InboundMessage message = this.awaitingAck.remove(messageId);
		if (message != null) {
			message.release();
		}
	}

	/** A filter's subscription and the listener that Paho would call. */
	private static final class Entry {

		private final int qos;

		private final SubscriptionOptions options;

		private volatile IMqttMessageListener listener;

		private volatile CompletableFuture<Subscription> subscribed;

		Entry(IMqttMessageListener listener, int qos, SubscriptionOptions options) {
			this.listener = listener;
			this.qos = qos;
			this.options = options;
		}

	}

}
