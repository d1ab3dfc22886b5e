package io.github.mqttboot.metrics;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.github.mqttboot.client.ManagedMqttClient;
import io.github.mqttboot.listener.MqttListenerObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Listener meters: {@code mqtt.messages.received{listener,qos}} and the
 * {@code mqtt.listener{listener,outcome}} timer, tagged with the client. Each listener's meters
 * are built on its first message and cached, never looked up per message.
 *
 * @author mqtt-spring-boot-starter
 */
public class MqttListenerMetrics implements MeterBinder, MqttListenerObserver {

	private final String clientName;

	private volatile MeterRegistry registry;

	private final Map<String, ListenerMeters> meters = new ConcurrentHashMap<>();

	public MqttListenerMetrics(ManagedMqttClient client) {
		this.clientName = client.getName();
	}

	private final Set<String> listenerIds = ConcurrentHashMap.newKeySet();

	@Override
	public void bindTo(MeterRegistry registry) {
		this.registry = registry;
		// listeners registered before the registry was bound get their meters now
		this.listenerIds.forEach(this::meters);
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
		if (listener != null) {
			(success ? listener.success : listener.failure).record(nanos, TimeUnit.NANOSECONDS);
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
		return this.meters.computeIfAbsent(listenerId, (id) -> new ListenerMeters(current, this.clientName, id));
	}

	private static final class ListenerMeters {

		final Counter[] received = new Counter[3];

		final Timer success;

		final Timer failure;

		ListenerMeters(MeterRegistry registry, String client, String listener) {
			for (int qos = 0; qos <= 2; qos++) {
				this.received[qos] = Counter.builder("mqtt.messages.received")
					.tag("client", client)
					.tag("listener", listener)
					.tag("qos", String.valueOf(qos))
					.description("Messages handed to a listener")
					.register(registry);
			}
			this.success = timer(registry, client, listener, "success");
			this.failure = timer(registry, client, listener, "failure");
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
