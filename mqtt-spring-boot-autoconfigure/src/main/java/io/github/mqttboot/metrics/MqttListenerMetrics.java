package io.github.mqttboot.metrics;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.ToIntFunction;

import io.github.mqttboot.client.ManagedMqttClient;
import io.github.mqttboot.listener.ListenerState;
import io.github.mqttboot.listener.MqttListenerContainer;
import io.github.mqttboot.listener.MqttListenerObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Listener meters, tagged with the client: {@code mqtt.messages.received{listener,qos}}, the
 * {@code mqtt.listener{listener,outcome}} timer (unless observations record it),
 * {@code mqtt.listener.retries},
 * {@code mqtt.messages.dropped{listener,reason}}, {@code mqtt.subscriptions.refused}, and the
 * gauges {@code mqtt.listener.queued} and {@code mqtt.listener.stalled}. Each listener's meters
 * are built once and cached, never looked up per message.
 *
 * @author mqtt-spring-boot-starter
 */
public class MqttListenerMetrics implements MeterBinder, MqttListenerObserver {

	private final String clientName;

	private volatile MeterRegistry registry;

	private final Map<String, ListenerMeters> meters = new ConcurrentHashMap<>();

	private final Function<String, MqttListenerContainer> containers;

	private final boolean timeListeners;

	/**
	 * Creates the meters of a client's listeners.
	 * @param client the client
	 * @param containers finds a listener's container by id (for the gauges), {@code null} when
	 * there is none
	 */
	public MqttListenerMetrics(ManagedMqttClient client, Function<String, MqttListenerContainer> containers) {
		this(client, containers, true);
	}

	/**
	 * Creates the meters of a client's listeners.
	 * @param client the client
	 * @param containers finds a listener's container by id (for the gauges), {@code null} when
	 * there is none
	 * @param timeListeners whether to record the {@code mqtt.listener} timer: {@code false} when
	 * the observations of listener calls record it
	 */
	public MqttListenerMetrics(ManagedMqttClient client, Function<String, MqttListenerContainer> containers,
			boolean timeListeners) {
		this.clientName = client.getName();
		this.containers = containers;
		this.timeListeners = timeListeners;
	}

	private final Set<String> listenerIds = ConcurrentHashMap.newKeySet();

	@Override
	public void bindTo(MeterRegistry registry) {
		this.registry = registry;
		// listeners registered before the registry was bound get their meters now
		this.listenerIds.forEach(this::meters);
	}

	@Override
	public boolean observes(String clientName) {
		return this.clientName.equals(clientName);
	}

	@Override
	public void registered(String listenerId) {
		this.listenerIds.add(listenerId);
		meters(listenerId);
	}

	@Override
	public void received(String listenerId, int qos) {
		ListenerMeters listener = meters(listenerId);
		if (listener != null) {
			listener.received[qos].increment();
		}
	}

	@Override
	public void handled(String listenerId, boolean success, long nanos) {
		ListenerMeters listener = meters(listenerId);
		if (listener != null && listener.success != null) {
			(success ? listener.success : listener.failure).record(nanos, TimeUnit.NANOSECONDS);
		}
	}

	@Override
	public void retried(String listenerId) {
		ListenerMeters listener = meters(listenerId);
		if (listener != null) {
			listener.retries.increment();
		}
	}

	@Override
	public void dropped(String listenerId, String reason) {
		ListenerMeters listener = meters(listenerId);
		if (listener != null) {
			listener.dropped(reason).increment();
		}
	}

	@Override
	public void subscriptionRefused(String listenerId, String filter, int reasonCode) {
		MeterRegistry current = this.registry;
		if (current != null) {
			Counter.builder("mqtt.subscriptions.refused")
				.description("Subscriptions the broker refused")
				.tag("client", this.clientName)
				.tag("listener", listenerId)
				.tag("reason", "0x" + Integer.toHexString(reasonCode))
				.register(current)
				.increment();
		}
	}

	private ListenerMeters meters(String listenerId) {
		MeterRegistry current = this.registry;
		if (current == null) {
			return null;
		}
		ListenerMeters known = this.meters.get(listenerId);
		if (known != null) {
			// the common case, for every message: no lambda to allocate
			return known;
		}
		return this.meters.computeIfAbsent(listenerId, (id) -> {
			gauges(current, id);
			return new ListenerMeters(current, this.clientName, id, this.timeListeners);
		});
	}

	private void gauges(MeterRegistry registry, String listenerId) {
		Gauge.builder("mqtt.listener.queued", () -> read(listenerId, MqttListenerContainer::getQueued))
			.description("Messages in a listener's hand-off, not yet taken by a worker")
			.tag("client", this.clientName)
			.tag("listener", listenerId)
			.register(registry);
		Gauge.builder("mqtt.listener.stalled",
				() -> read(listenerId, (container) -> (container.getState() == ListenerState.STALLED) ? 1 : 0))
			.description("1 while a listener makes no progress for longer than mqtt.listener.stall-timeout")
			.tag("client", this.clientName)
			.tag("listener", listenerId)
			.register(registry);
	}

	private Number read(String listenerId, ToIntFunction<MqttListenerContainer> value) {
		MqttListenerContainer container = this.containers.apply(listenerId);
		return (container != null) ? value.applyAsInt(container) : 0;
	}

	private static final class ListenerMeters {

		final Counter[] received = new Counter[3];

		final Timer success;

		final Timer failure;

		final Counter retries;

		private final MeterRegistry registry;

		private final String client;

		private final String listener;

		/** Registered with the listener, so that dashboards show a zero before the first drop. */
		private final Counter overflow;

		ListenerMeters(MeterRegistry registry, String client, String listener, boolean timed) {
			this.registry = registry;
			this.client = client;
			this.listener = listener;
			this.overflow = dropped("overflow");
			for (int qos = 0; qos <= 2; qos++) {
				this.received[qos] = Counter.builder("mqtt.messages.received")
					.tag("client", client)
					.tag("listener", listener)
					.tag("qos", String.valueOf(qos))
					.description("Messages handed to a listener")
					.register(registry);
			}
			this.success = timed ? timer(registry, client, listener, "success") : null;
			this.failure = timed ? timer(registry, client, listener, "failure") : null;
			this.retries = Counter.builder("mqtt.listener.retries")
				.tag("client", client)
				.tag("listener", listener)
				.description("Failed messages tried again after a backoff")
				.register(registry);
		}

		Counter dropped(String reason) {
			if ("overflow".equals(reason) && this.overflow != null) {
				return this.overflow;
			}
			return Counter.builder("mqtt.messages.dropped")
				.description("Messages dropped before a listener got them")
				.tag("client", this.client)
				.tag("listener", this.listener)
				.tag("reason", reason)
				.register(this.registry);
		}

		private static Timer timer(MeterRegistry registry, String client, String listener, String outcome) {
			return Timer.builder("mqtt.listener")
				.tag("client", client)
				.tag("listener", listener)
				.tag("outcome", outcome)
				.description("Listener handling time")
				.register(registry);
		}

	}

}
