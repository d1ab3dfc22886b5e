package io.github.mqttboot.actuate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.mqttboot.actuate.MqttListenersView.ListenerDescription;
import io.github.mqttboot.client.ManagedMqttClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * {@link Endpoint @Endpoint} exposing the MQTT clients' state and their listeners, and pausing
 * or resuming one listener.
 *
 * @author mqtt-spring-boot-starter
 * @since 0.1.0
 */
@Endpoint(id = "mqtt")
public class MqttEndpoint {

	private final ManagedMqttClient client;

	private final List<ManagedMqttClient> clients;

	private final ObjectProvider<MqttListenersView> listeners;

	/**
	 * Creates an endpoint.
	 * @param client the client
	 * @param listeners the listeners, if any are registered
	 */
	public MqttEndpoint(ManagedMqttClient client, ObjectProvider<MqttListenersView> listeners) {
		this(client, List.of(client), listeners);
	}

	/**
	 * Creates an endpoint of several clients.
	 * @param client the default client, described at the top level as with one client
	 * @param clients every client, the default one included
	 * @param listeners the listeners of every client, if any are registered
	 */
	public MqttEndpoint(ManagedMqttClient client, List<ManagedMqttClient> clients,
			ObjectProvider<MqttListenersView> listeners) {
		this.client = client;
		this.clients = List.copyOf(clients);
		this.listeners = listeners;
	}

	/**
	 * Describes the client and every listener.
	 * @return the description
	 */
	@ReadOperation
	public MqttDescriptor mqtt() {
		Map<String, Map<String, Object>> clients = new LinkedHashMap<>();
		this.clients.forEach((each) -> clients.put(each.getName(), describe(each)));
		MqttListenersView view = this.listeners.getIfAvailable();
		return new MqttDescriptor(this.client.getName(), describe(this.client),
				(view != null) ? view.listeners() : List.of(), clients);
	}

	private static Map<String, Object> describe(ManagedMqttClient client) {
		Map<String, Object> details = ClientDetails.describe(client);
		details.put("inflight", client.getInflight());
		details.put("buffered", client.getBuffered());
		return details;
	}

	/**
	 * Describes one listener.
	 * @param id the listener's id
	 * @return the listener, or {@code null} (404 over HTTP) if there is none with that id
	 */
	@ReadOperation
	public ListenerDescription listener(@Selector String id) {
		MqttListenersView view = this.listeners.getIfAvailable();
		return (view != null) ? find(view, id) : null;
	}

	/**
	 * Pauses or resumes one listener.
	 * @param id the listener's id
	 * @param action {@code pause} or {@code resume}
	 * @return the listener after the change, or {@code null} if there is none with that id
	 */
	@WriteOperation
	public ListenerDescription changeListener(@Selector String id, String action) {
		MqttListenersView view = this.listeners.getIfAvailable();
		boolean known = switch (action) {
			case "pause" -> view != null && view.pause(id);
			case "resume" -> view != null && view.resume(id);
			default -> throw new InvalidEndpointRequestException("Unknown action '" + action + "'",
					"Unknown action; use 'pause' or 'resume'");
		};
		return known ? find(view, id) : null;
	}

	private static ListenerDescription find(MqttListenersView view, String id) {
		return view.listeners().stream().filter((listener) -> listener.id().equals(id)).findFirst().orElse(null);
	}

	/**
	 * The clients and their listeners.
	 *
	 * @param name the default client's name
	 * @param client the default client's state, connection and resources
	 * @param listeners the listeners of every client, each naming its client
	 * @param clients every client's state, connection and resources, by name
	 */
	public record MqttDescriptor(String name, Map<String, Object> client, List<ListenerDescription> listeners,
			Map<String, Map<String, Object>> clients) implements OperationResponseBody {
	}

}
