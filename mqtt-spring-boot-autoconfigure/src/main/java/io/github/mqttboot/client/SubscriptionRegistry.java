package io.github.mqttboot.client;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Predicate;

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

	/** The routes by filter, rebuilt on every change: routing reads it per message. */
	private volatile Map<String, Route> byFilter = Map.of();

	/**
	 * The same routes by level of their filters, to route by topic: built by the first message
	 * that needs it after a change, not once for each of many subscriptions added in a row.
	 */
	private volatile FilterTree<Route> byLevel;

	private final FilterTree.Visitor<Route, InboundMessage> delivery = (route, message) -> deliver(route, message,
			false);

	private final FilterTree.Visitor<Route, InboundMessage> dropReport = (route, message) -> deliver(route, message,
			true);

	/** The largest MQTT 5 subscription identifier. */
	private static final int MAX_SUBSCRIPTION_ID = 268_435_455;

	private final PendingWork pendingWork;

	private final Map<String, Integer> sharedTurns = new ConcurrentHashMap<>();

	/** One MQTT 5 subscription identifier per filter, kept for the client's life. */
	private final Map<String, Integer> subscriptionIds = new ConcurrentHashMap<>();

	private final Map<Integer, String> filtersById = new ConcurrentHashMap<>();

	/**
	 * Whether SUBSCRIBE carries the identifiers: once filters overlap (the broker's copies must be
	 * told apart), and from then on. Until then routing by topic is exact, and a message without
	 * properties is cheaper to read.
	 */
	private volatile boolean identifying;

	/** Filters the live connection subscribed without an identifier. */
	private final Set<String> unidentified = ConcurrentHashMap.newKeySet();

	/** What the last restore asked for: a request of one of them made while it waits sends nothing. */
	private volatile Set<Subscription> restored = Set.of();

	private final MqttClientEvents events;

	private final DriverDropWarnings driverDrops;

	SubscriptionRegistry(String clientName, PendingWork pendingWork, MqttClientEvents events) {
		this.pendingWork = pendingWork;
		this.events = events;
		this.driverDrops = new DriverDropWarnings(clientName);
	}

	void add(Subscription subscription) {
		subscriptionId(subscription.filter());
		this.subscriptions.add(subscription);
		reindex(subscription.filter());
	}

	/**
	 * Rebuilds the indexes routing reads for every message.
	 * @param added the filter of a subscription just added, or {@code null}
	 */
	private synchronized void reindex(String added) {
		Map<String, List<Subscription>> members = new LinkedHashMap<>();
		for (Subscription subscription : this.subscriptions) {
			members.computeIfAbsent(subscription.filter(), (filter) -> new ArrayList<>()).add(subscription);
		}
		Map<String, Route> index = new HashMap<>();
		members.forEach((filter, subscriptions) -> index.put(filter, new Route(filter,
				subscriptions.toArray(Subscription[]::new), filter.startsWith(TopicFilters.SHARE_PREFIX))));
		this.byFilter = index;
		this.byLevel = null;
		// each filter is checked against the others when added: identifying is for good
		if (!this.identifying && added != null && TopicFilters.overlapsAnother(added, index.keySet())) {
			this.identifying = true;
		}
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
		reindex(null);
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
		List<Subscription> all = List.copyOf(this.subscriptions);
		this.restored = Set.copyOf(all);
		List<SubscriptionRequest> requests = onePerFilter(all, (subscription) -> true, this::request);
		if (requests.isEmpty()) {
			return CompletableFuture.completedFuture(null);
		}
		this.unidentified.clear();
		for (SubscriptionRequest request : requests) {
			remember(request);
		}
		return connection.subscribe(requests).thenAccept((codes) -> granted(requests, codes));
	}

	/**
	 * Subscribes one filter on a live connection.
	 * @param connection the connection
	 * @param subscription the subscription
	 * @return completes on SUBACK; fails if the broker refused it
	 */
	CompletableFuture<Void> subscribe(DriverConnection connection, Subscription subscription) {
		if (this.restored.contains(subscription)) {
			return CompletableFuture.completedFuture(null);
		}
		List<SubscriptionRequest> requests = identifyEarlierFilters();
		// the highest QoS of the filter's subscriptions: a SUBSCRIBE replaces the broker's one
		SubscriptionRequest request = onePerFilter(this.subscriptions,
				(other) -> other.filter().equals(subscription.filter()), this::request)
			.stream()
			.findFirst()
			.orElseGet(() -> request(subscription));
		requests.add(request);
		remember(request);
		return connection.subscribe(requests).thenAccept((codes) -> {
			granted(requests, codes);
			if (subscription.isRefused()) {
				throw new MqttSubscriptionException(subscription);
			}
		});
	}

	private SubscriptionRequest request(Subscription subscription) {
		int id = this.identifying ? subscriptionId(subscription.filter()) : 0;
		return new SubscriptionRequest(subscription.filter(), subscription.qos(), id, subscription.options());
	}

	private void remember(SubscriptionRequest request) {
		if (request.subscriptionId() == 0) {
			this.unidentified.add(request.filter());
		}
		else {
			this.unidentified.remove(request.filter());
		}
	}

	/**
	 * Once identifiers are on, the filters the live connection subscribed without one are
	 * subscribed again with theirs, ahead of the new filter, so that the broker sends no copy the
	 * client cannot tell apart. Replacing a subscription sends no retained message again.
	 */
	private List<SubscriptionRequest> identifyEarlierFilters() {
		if (!this.identifying || this.unidentified.isEmpty()) {
			return new ArrayList<>();
		}
		List<SubscriptionRequest> requests = onePerFilter(this.subscriptions,
				(subscription) -> this.unidentified.contains(subscription.filter()), (subscription) -> {
					SubscriptionOptions options = subscription.options();
					return new SubscriptionRequest(subscription.filter(), subscription.qos(),
							subscriptionId(subscription.filter()), new SubscriptionOptions(options.noLocal(),
									RetainHandling.SEND_IF_NEW, options.retainAsPublished()));
				});
		this.unidentified.clear();
		return requests;
	}

	/**
	 * One SUBSCRIBE per filter of the chosen subscriptions: the highest QoS asked for it, the
	 * options of the first.
	 */
	private static List<SubscriptionRequest> onePerFilter(List<Subscription> subscriptions,
			Predicate<Subscription> chosen, Function<Subscription, SubscriptionRequest> toRequest) {
		Map<String, SubscriptionRequest> filters = new LinkedHashMap<>();
		for (Subscription subscription : subscriptions) {
			if (chosen.test(subscription)) {
				filters.merge(subscription.filter(), toRequest.apply(subscription),
						(first, other) -> new SubscriptionRequest(first.filter(), Math.max(first.qos(), other.qos()),
								first.subscriptionId(), first.options()));
			}
		}
		return new ArrayList<>(filters.values());
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
			route(message, false);
		}
		finally {
			message.release();
			this.pendingWork.end();
		}
	}

	/**
	 * Reports a message the driver dropped before it could be dispatched: in the log and to the
	 * client's events, and to every subscription whose filter matches, so that their handlers
	 * count it too.
	 * @param message the message
	 */
	void dropped(InboundMessage message) {
		this.driverDrops.dropped();
		this.events.messageDropped(message.topic());
		route(message, true);
	}

	private void route(InboundMessage message, boolean dropped) {
		if (!routeBySubscriptionIds(message, dropped)) {
			FilterTree<Route> byLevel = this.byLevel;
			if (byLevel == null) {
				byLevel = buildByLevel();
			}
			byLevel.forEachMatch(message.topic(), message, dropped ? this.dropReport : this.delivery);
		}
	}

	private synchronized FilterTree<Route> buildByLevel() {
		if (this.byLevel == null) {
			this.byLevel = FilterTree.of(this.byFilter);
		}
		return this.byLevel;
	}

	/**
	 * Delivers a message for the filters of the subscription identifiers the broker sent (one
	 * copy per overlapping subscription), each filter once.
	 * @return {@code false} to route by topic: the broker sent no identifier this client knows
	 */
	private boolean routeBySubscriptionIds(InboundMessage message, boolean dropped) {
		List<Integer> ids = message.subscriptionIds();
		String first = null;
		Set<String> others = null;
		for (int i = 0; i < ids.size(); i++) {
			String filter = this.filtersById.get(ids.get(i));
			if (filter == null || !TopicFilters.matches(filter, message.topic()) || filter.equals(first)) {
				continue;
			}
			if (first == null) {
				first = filter;
			}
			else {
				others = (others != null) ? others : new LinkedHashSet<>();
				others.add(filter);
			}
		}
		if (first == null) {
			return false;
		}
		Map<String, Route> index = this.byFilter;
		deliver(index.get(first), message, dropped);
		if (others != null) {
			for (String filter : others) {
				deliver(index.get(filter), message, dropped);
			}
		}
		return true;
	}

	private void deliver(Route route, InboundMessage message, boolean dropped) {
		if (route == null) {
			// unsubscribed meanwhile
			return;
		}
		Subscription[] members = route.members();
		if (!route.shared()) {
			for (Subscription subscription : members) {
				handle(subscription, message, dropped);
			}
			return;
		}
		// the broker sends this client one copy for a shared filter: one member gets it, in turn
		int turn = this.sharedTurns.merge(route.filter(), 1, Integer::sum);
		handle(members[Math.floorMod(turn, members.length)], message, dropped);
	}

	private void handle(Subscription subscription, InboundMessage message, boolean dropped) {
		try {
			if (dropped) {
				subscription.handler().dropped(message);
			}
			else {
				subscription.handler().handle(message);
			}
		}
		catch (OutOfMemoryError ex) {
			throw ex;
		}
		catch (Throwable ex) {
			// an Error too: thrown into the driver, it would end the connection, and a redelivery again
			logger.error("Handler of " + subscription + " failed on a message from '" + message.topic() + "'", ex);
		}
	}

	/**
	 * The subscriptions of one filter.
	 * @param filter the filter
	 * @param members its subscriptions, at least one
	 * @param shared whether it is a shared subscription, each message for one member in turn
	 */
	private record Route(String filter, Subscription[] members, boolean shared) {
	}

}
