package io.github.mqttboot.actuate;

import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.github.mqttboot.listener.ListenerState;
import io.github.mqttboot.listener.MqttListenerContainer;
import io.github.mqttboot.listener.MqttListenerEndpointRegistry;


/**
 * The {@code mqtt} endpoint's view of the listeners, over the {@link MqttListenerEndpointRegistry} of
 * every client.
 *
 * @author mqtt-spring-boot-starter
 * @since 0.1.0
 */
public class RegistryListenersView implements MqttListenersView {

	private static final Set<ListenerState> FAILURES = EnumSet.of(ListenerState.STALLED, ListenerState.REFUSED,
			ListenerState.STOPPED);

	private final List<MqttListenerEndpointRegistry> registries;

	/**
	 * Creates a view of the listeners of a registry.
	 * @param registry the registry
	 */
	public RegistryListenersView(MqttListenerEndpointRegistry registry) {
		this(List.of(registry));
	}

	/**
	 * Creates a view of the listeners of several registries, one per client.
	 * @param registries the registries
	 */
	public RegistryListenersView(Collection<MqttListenerEndpointRegistry> registries) {
		this.registries = List.copyOf(registries);
	}

	@Override
	public List<ListenerDescription> listeners() {
		return this.registries.stream()
			.flatMap((registry) -> registry.getListenerContainers()
				.stream()
				.map((container) -> describe(registry, container)))
			.sorted(Comparator.comparing(ListenerDescription::id))
			.toList();
	}

	private ListenerDescription describe(MqttListenerEndpointRegistry registry, MqttListenerContainer container) {
		ListenerState state = container.getState();
		boolean failing = registry.isRunning() && container.isExpectedToRun() && FAILURES.contains(state);
		return new ListenerDescription(container.getId(), registry.getClient().getName(),
				container.getEndpoint().filters(),
				container.getEndpoint().qos(), container.isRunning(), container.isPaused(),
				state.name().toLowerCase(Locale.ROOT), failing, container.getReceivedCount(), container.getErrorCount(),
				container.getQueued(), container.getLongestCall().toMillis(), refused(container));
	}

	private static Map<String, String> refused(MqttListenerContainer container) {
		Map<String, String> shown = new TreeMap<>();
		container.getRefusedSubscriptions()
			.forEach((filter, code) -> shown.put(filter, "0x" + Integer.toHexString(code)));
		return shown;
	}

	// ids are unique across the clients
	@Override
	public boolean pause(String id) {
		return this.registries.stream().anyMatch((registry) -> registry.pauseListener(id));
	}

	@Override
	public boolean resume(String id) {
		return this.registries.stream().anyMatch((registry) -> registry.resumeListener(id));
	}

}
