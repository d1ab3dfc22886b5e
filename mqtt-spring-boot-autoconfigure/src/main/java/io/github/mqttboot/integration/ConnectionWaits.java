package io.github.mqttboot.integration;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArraySet;

import io.github.mqttboot.client.ClientState;
import io.github.mqttboot.client.ManagedMqttClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * Futures for callers that would connect a Paho client: they wait for the supervisor's next
 * connection instead, and fail when the client stops.
 *
 * @author mqtt-spring-boot-starter
 */
final class ConnectionWaits {

	private final ManagedMqttClient client;

	private final Set<CompletableFuture<Void>> waiting = new CopyOnWriteArraySet<>();

	ConnectionWaits(ManagedMqttClient client) {
		this.client = client;
		client.addStateListener(this::stateChanged);
	}

	/**
	 * Returns a future completed once the client is connected; at once if it is.
	 * @return the future
	 */
	CompletableFuture<Void> connected() {
		CompletableFuture<Void> connected = new CompletableFuture<>();
		if (!this.client.isRunning() && !this.client.isConnected()) {
			connected.completeExceptionally(notConnected());
			return connected;
		}
		this.waiting.add(connected);
		// checked after adding, so that a connection made in between is not missed
		if (this.client.isConnected()) {
			complete(connected, null);
		}
		return connected;
	}

	private void stateChanged(ClientState previous, ClientState current) {
		if (current == ClientState.CONNECTED) {
			this.waiting.forEach((waiter) -> complete(waiter, null));
		}
		else if (current == ClientState.STOPPED) {
			this.waiting.forEach((waiter) -> complete(waiter, notConnected()));
		}
	}

	private void complete(CompletableFuture<Void> waiter, Throwable failure) {
		this.waiting.remove(waiter);
		if (failure != null) {
			waiter.completeExceptionally(failure);
		}
		else {
			waiter.complete(null);
		}
	}

	private static MqttException notConnected() {
		return new MqttException(MqttClientException.REASON_CODE_CLIENT_NOT_CONNECTED);
	}

}
