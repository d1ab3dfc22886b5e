package io.github.mqttboot.client;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.mqttboot.client.driver.DriverConnection;
import io.github.mqttboot.client.driver.SubscriptionRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The subscriptions of one client: what to restore after a reconnect and where inbound messages
 * go.
 *
 * @author mqtt-spring-boot-starter
 */
final class SubscriptionRegistry {

	private static final Log logger = LogFactory.getLog(SubscriptionRegistry.class);

	private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();

	/** The subscriptions of each filter, rebuilt on every change: routing reads it per message. */
	private volatile Map<String, List<Subscription>> byFilter = Map.of();

	/** The largest MQTT 5 subscription identifier. */
	private static final int MAX_SUBSCRIPTION_ID = 268_435_455;

	private final PendingWork pendingWork;

	private final Map<String, Integer> sharedTurns = new ConcurrentHashMap<>();

	/** One MQTT 5 subscription identifier per filter, kept for the client's life. */
	private final Map<String, Integer> subscriptionIds = new ConcurrentHashMap<>();

	private final Map<Integer, String> filtersById = new ConcurrentHashMap<>();

	private final MqttClientEvents events;

	SubscriptionRegistry(PendingWork pendingWork, MqttClientEvents events) {
		this.pendingWork = pendingWork;
		this.events = events;
	}

	void add(Subscription subscription) {
		subscriptionId(subscription.filter());
		this.subscriptions.add(subscription);
		reindex();
	}

	/** Rebuilds the index by filter, which routing reads for every message. */
	private synchronized void reindex() {
		Map<String, List<Subscription>> index = new HashMap<>();
		for (Subscription subscription : this.subscriptions) {
			index.computeIfAbsent(subscription.filter(), (filter) -> new ArrayList<>()).add(subscription);
		}
		index.replaceAll((filter, members) -> List.copyOf(members));
		this.byFilter = index;
	}

	/**
	 * The identifier of a filter, derived from the filter itself so that it is the same after a
	 * restart: a persistent session delivers queued messages with the identifiers of the
	 * previous process's subscriptions.
	 */
	private synchronized int subscriptionId(String filter) {
		Integer known = this.subscriptionIds.get(filter);
		if (known != null) {
			return known;
		}
		int id = Math.floorMod(filter.hashCode(), MAX_SUBSCRIPTION_ID) + 1;
		while (this.filtersById.containsKey(id)) {
			id = (id % MAX_SUBSCRIPTION_ID) + 1;
		}
		this.subscriptionIds.put(filter, id);
		this.filtersById.put(id, filter);
		return id;
	}

	/**
	 * Removes a subscription.
	 * @param subscription the subscription
	 * @return whether no other subscription uses its filter any more
	 */
	boolean remove(Subscription subscription) {
		this.subscriptions.remove(subscription);
		reindex();
		return !this.byFilter.containsKey(subscription.filter());
	}

	/** Filters refused in their last SUBACK, with the reason code: read from the subscriptions. */
	Map<String, Integer> refused() {
		Map<String, Integer> refused = new HashMap<>();
		for (Subscription subscription : this.subscriptions) {
			if (subscription.isRefused()) {
				refused.put(subscription.filter(), subscription.reasonCode());
			}
		}
		return Map.copyOf(refused);
	}

	int size() {
		return this.subscriptions.size();
	}

	List<Subscription> all() {
		return List.copyOf(this.subscriptions);
	}

	/**
	 * Subscribes every filter on a new connection, with the highest QoS asked for it.
	 * @param connection the connection
	 * @return completes on SUBACK
	 */
	CompletableFuture<Void> restore(DriverConnection connection) {
		Map<String, SubscriptionRequest> filters = new LinkedHashMap<>();
		for (Subscription subscription : this.subscriptions) {
			// one SUBSCRIBE per filter: the highest QoS asked for it, the options of the first
			filters.merge(subscription.filter(), request(subscription), (first, other) -> new SubscriptionRequest(
					first.filter(), Math.max(first.qos(), other.qos()), first.subscriptionId(), first.options()));
		}
		if (filters.isEmpty()) {
			return CompletableFuture.completedFuture(null);
		}
		List<SubscriptionRequest> requests = new ArrayList<>(filters.values());
		return connection.subscribe(requests).thenAccept((codes) -> granted(requests, codes));
	}

	/**
	 * Subscribes one filter on a live connection.
	 * @param connection the connection
	 * @param subscription the subscription
	 * @return completes on SUBACK; fails if the broker refused it
	 */
	CompletableFuture<Void> subscribe(DriverConnection connection, Subscription subscription) {
		SubscriptionRequest request = request(subscription);
		return connection.subscribe(List.of(request)).thenAccept((codes) -> {
			granted(List.of(request), codes);
			if (subscription.isRefused()) {
				throw new MqttSubscriptionException(subscription);
			}
		});
	}

	private SubscriptionRequest request(Subscription subscription) {
		return new SubscriptionRequest(subscription.filter(), subscription.qos(), subscriptionId(subscription.filter()),
				subscription.options());
	}

	private void granted(List<SubscriptionRequest> requests, int[] codes) {
		for (int i = 0; i < requests.size(); i++) {
			String filter = requests.get(i).filter();
			int code = (codes != null && codes.length > i) ? codes[i] : 0;
			for (Subscription subscription : this.subscriptions) {
				if (subscription.filter().equals(filter)) {
					subscription.reasonCode(code);
				}
			}
			if (code >= 0x80) {
				logger.warn("Broker refused the subscription to '" + filter + "' with reason code 0x"
						+ Integer.toHexString(code));
			}
			this.events.subscribed(filter, code);
		}
	}

	/**
	 * Hands a message to every subscription whose filter matches, then releases the reader's
	 * hold on it; an unmatched message is simply acknowledged.
	 * @param message the message
	 */
	void dispatch(InboundMessage message) {
		this.pendingWork.begin();
		try {
			Map<String, List<Subscription>> index = this.byFilter;
			Set<String> routed = routedFilters(message);
			if (routed != null) {
				for (String filter : routed) {
					deliver(filter, index.getOrDefault(filter, List.of()), message);
				}
			}
			else {
				index.forEach((filter, members) -> {
					if (TopicFilters.matches(filter, message.topic())) {
						deliver(filter, members, message);
					}
				});
			}
		}
		finally {
			message.release();
			this.pendingWork.end();
		}
	}

	/**
	 * The filters a message was delivered for, by the subscription identifiers the broker sent
	 * (one copy per overlapping subscription); {@code null} to route by topic when it sent none
	 * this client knows.
	 */
	private Set<String> routedFilters(InboundMessage message) {
		Set<String> filters = null;
		for (Integer id : message.subscriptionIds()) {
			String filter = this.filtersById.get(id);
			if (filter != null && TopicFilters.matches(filter, message.topic())) {
				filters = (filters != null) ? filters : new HashSet<>();
				filters.add(filter);
			}
		}
		return filters;
	}

	private void deliver(String filter, List<Subscription> members, InboundMessage message) {
		if (members.isEmpty()) {
			return;
		}
		if (!filter.startsWith("$share/")) {
			members.forEach((subscription) -> handle(subscription, message));
			return;
		}
		// the broker sends this client one copy for a shared filter: one member gets it, in turn
		int turn = this.sharedTurns.merge(filter, 1, Integer::sum);
		handle(members.get(Math.floorMod(turn, members.size())), message);
	}

	private void handle(Subscription subscription, InboundMessage message) {
		try {
			subscription.handler().handle(message);
		}
		catch (Exception ex) {
			logger.error("Handler of " + subscription + " failed on a message from '" + message.topic() + "'", ex);
		}
	}

}
