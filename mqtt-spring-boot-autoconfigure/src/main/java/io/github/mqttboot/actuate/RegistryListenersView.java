package io.github.mqttboot.actuate;

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
 * The {@code mqtt} endpoint's view of the listeners, over the {@link MqttListenerEndpointRegistry}.
 *
 * @author mqtt-spring-boot-starter
 * @since 0.1.0
 */
public class RegistryListenersView implements MqttListenersView {

	private static final Set<ListenerState> FAILURES = EnumSet.of(ListenerState.STALLED, ListenerState.REFUSED,
			ListenerState.STOPPED);

	private final MqttListenerEndpointRegistry registry;

	/**
	 * Creates a view of the listeners of a registry.
	 * @param registry the registry
	 */
	public RegistryListenersView(MqttListenerEndpointRegistry registry) {
		this.registry = registry;
	}

	@Override
	public List<ListenerDescription> listeners() {
		return this.registry.getListenerContainers()
			.stream()
			.map(this::describe)
			.sorted(Comparator.comparing(ListenerDescription::id))
			.toList();
	}

	private ListenerDescription describe(MqttListenerContainer container) {
		ListenerState state = container.getState();
		boolean failing = this.registry.isRunning() && container.isExpectedToRun() && FAILURES.contains(state);
		return new ListenerDescription(container.getId(), container.getEndpoint().filters(),
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

	@Override
	public boolean pause(String id) {
		return this.registry.pauseListener(id);
	}

	@Override
	public boolean resume(String id) {
		return this.registry.resumeListener(id);
	}

}
