package io.github.mqttboot.listener;

import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import io.github.mqttboot.client.ManagedMqttClient;
import io.github.mqttboot.client.OncePerMinute;
import io.github.mqttboot.core.MqttPayloadConverter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.BeansException;
import org.springframework.context.SmartLifecycle;
import org.springframework.messaging.handler.annotation.support.MessageHandlerMethodFactory;

/**
 * Owns one {@link MqttListenerContainer} per {@code @MqttListener} method. Starts after the
 * client and stops before it disconnects, so that queued work is drained while the connection
 * can still acknowledge it. Listeners can be started, stopped, paused and resumed by id.
 *
 * @author mqtt-spring-boot-starter
 * @since 0.1.0
 */
public class MqttListenerEndpointRegistry implements SmartLifecycle {

	/** Starts after the client and after integration endpoints, stops before them. */
	public static final int PHASE = ManagedMqttClient.PHASE + 2000;

	private static final Log logger = LogFactory.getLog(MqttListenerEndpointRegistry.class);

	private final ManagedMqttClient client;

	private final MqttPayloadConverter converter;

	private final ListenerSettings settings;

	private final MessageHandlerMethodFactory methodFactory;

	private final Function<String, MqttListenerErrorHandler> errorHandlers;

	private final MqttListenerObserver observer;

	private final Map<String, MqttListenerContainer> containers = new LinkedHashMap<>();

	private volatile boolean running;

	/** The containers, for readers that must not wait for the registry's lock. */
	private volatile Map<String, MqttListenerContainer> snapshot = Map.of();

	private final ListenerWatchdog watchdog;

	private final OncePerMinute pauseWarnings = new OncePerMinute();

	/**
	 * Creates a registry of the listeners of one client.
	 * @param client the client the listeners subscribe with
	 * @param converter converts payloads and return values
	 * @param settings the listeners' defaults
	 * @param methodFactory binds the methods' arguments
	 * @param errorHandlers the {@link MqttListenerErrorHandler} bean of a name, for listeners that
	 * name one; throws a {@code BeansException} when there is none
	 * @param observer told of every listener's messages and failures
	 */
	public MqttListenerEndpointRegistry(ManagedMqttClient client, MqttPayloadConverter converter,
			ListenerSettings settings, MessageHandlerMethodFactory methodFactory,
			Function<String, MqttListenerErrorHandler> errorHandlers, MqttListenerObserver observer) {
		this.client = client;
		this.converter = converter;
		this.settings = settings;
		this.methodFactory = methodFactory;
		this.errorHandlers = errorHandlers;
		this.observer = observer;
		this.watchdog = new ListenerWatchdog(client, () -> this.snapshot.values(), observer, settings.stallTimeout());
	}

	/**
	 * Creates the container of an endpoint; started with the registry or at once if it runs.
	 * @param endpoint the endpoint
	 * @throws MqttListenerDefinitionException if another listener has the same id
	 */
	public synchronized void registerEndpoint(MqttListenerEndpoint endpoint) {
		MqttListenerContainer existing = this.containers.get(endpoint.id());
		if (existing != null) {
			throw new MqttListenerDefinitionException(endpoint.methodDescription(), "its id '" + endpoint.id()
					+ "' is also the id of " + existing.getEndpoint().methodDescription(),
					"Give each @MqttListener an id of its own");
		}
		if (!endpoint.subscriptionOptions().isDefault() && this.client.getSettings().getProtocolVersion() != 5) {
			throw new MqttListenerDefinitionException(endpoint.methodDescription(),
					"asks for MQTT 5 subscription options (noLocal, retainHandling, retainAsPublished), which MQTT "
							+ "3.1.1 does not have (mqtt.protocol-version is 3)",
					"Remove the options, or use mqtt.protocol-version 5");
		}
		MqttListenerEndpoint effective = endpoint.withDefaults(this.settings);
		ListenerInvoker invoker = new ListenerInvoker(effective,
				this.methodFactory.createInvocableHandlerMethod(effective.bean(), effective.method()), this.client,
				this.converter);
		MqttListenerContainer container = new MqttListenerContainer(effective, this.client, invoker,
				new ListenerFailures(this.client, errorHandler(effective)), this.observer, this.settings);
		this.containers.put(effective.id(), container);
		this.snapshot = Collections.unmodifiableMap(new LinkedHashMap<>(this.containers));
		this.observer.registered(effective.id());
		if (Boolean.TRUE.equals(effective.autoStartup())) {
			container.prepare();
			if (this.running) {
				container.start();
			}
		}
	}

	/** Resolved at registration, so that a name that names no handler fails startup. */
	private MqttListenerErrorHandler errorHandler(MqttListenerEndpoint endpoint) {
		if (endpoint.errorHandler() == null) {
			return null;
		}
		try {
			return this.errorHandlers.apply(endpoint.errorHandler());
		}
		catch (BeansException ex) {
			throw new MqttListenerDefinitionException(endpoint.methodDescription(), "names errorHandler '"
					+ endpoint.errorHandler() + "', but there is no MqttListenerErrorHandler bean of that name",
					"Declare a MqttListenerErrorHandler bean named '" + endpoint.errorHandler()
							+ "', or correct the name in the annotation",
					ex);
		}
	}

	@Override
	public synchronized void start() {
		this.running = true;
		this.watchdog.start();
		for (MqttListenerContainer container : this.containers.values()) {
			if (Boolean.TRUE.equals(container.getEndpoint().autoStartup())) {
				container.start();
			}
		}
	}

	@Override
	public synchronized void stop() {
		this.running = false;
		this.watchdog.stop();
		// one deadline for all listeners, not one each
		long deadline = System.nanoTime() + this.settings.shutdownTimeout().toNanos();
		// never unsubscribes: a persistent session keeps collecting while the application is away
		for (MqttListenerContainer container : this.containers.values()) {
			container.shutdown(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	/**
	 * Returns the client the listeners subscribe with, and reply and dead-letter on.
	 * @return the client
	 */
	public ManagedMqttClient getClient() {
		return this.client;
	}

	/**
	 * Returns the container of one listener.
	 * @param id the listener's id
	 * @return the container, or {@code null} if no listener has that id
	 */
	public MqttListenerContainer getListenerContainer(String id) {
		return this.snapshot.get(id);
	}

	/**
	 * Returns the containers of every listener, in registration order.
	 * @return the containers
	 */
	public Collection<MqttListenerContainer> getListenerContainers() {
		return this.snapshot.values();
	}

	/**
	 * Starts one listener.
	 * @param id the listener's id
	 * @return {@code false} if no listener has that id
	 */
	public boolean startListener(String id) {
		return apply(id, MqttListenerContainer::start);
	}

	/**
	 * Stops one listener: it is unsubscribed and stays so across reconnects until started again.
	 * @param id the listener's id
	 * @return {@code false} if no listener has that id
	 */
	public boolean stopListener(String id) {
		return apply(id, (container) -> container.stop(this.settings.shutdownTimeout()));
	}

	/**
	 * Pauses one listener: it takes no messages until resumed; its subscription stays. The
	 * messages it holds meanwhile count against the client's flow control, so a WARN (at most one
	 * a minute) names the client's other running listeners, which it holds up once the broker's
	 * window is full.
	 * @param id the listener's id
	 * @return {@code false} if no listener has that id
	 */
	public boolean pauseListener(String id) {
		return apply(id, (container) -> {
			container.pause();
			warnOfHeldUpNeighbours(container);
		});
	}

	private void warnOfHeldUpNeighbours(MqttListenerContainer paused) {
		List<String> neighbours = this.snapshot.values()
			.stream()
			.filter((other) -> other != paused && other.isRunning() && !other.isPaused())
			.map(MqttListenerContainer::getId)
			.toList();
		// an application that pauses and resumes for back-pressure is told once a minute
		if (!neighbours.isEmpty() && this.pauseWarnings.occurred() > 0) {
			logger.warn("Listener '" + paused.getId() + "' of MQTT client '" + this.client.getName()
					+ "' is paused: once it holds as many unacknowledged QoS 1/2 messages as the broker sends the "
					+ "client, its listeners " + neighbours + " get none either until it is resumed; a listener "
					+ "that stays paused needs a client of its own (mqtt.clients)");
		}
	}

	/**
	 * Resumes one paused listener.
	 * @param id the listener's id
	 * @return {@code false} if no listener has that id
	 */
	public boolean resumeListener(String id) {
		return apply(id, MqttListenerContainer::resume);
	}

	private boolean apply(String id, Consumer<MqttListenerContainer> action) {
		MqttListenerContainer container = getListenerContainer(id);
		if (container == null) {
			return false;
		}
		action.accept(container);
		return true;
	}

}
