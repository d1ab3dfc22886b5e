package io.github.mqttboot.client;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.github.mqttboot.client.driver.DriverConnection;

/**
 * Carries a client's subscribe and unsubscribe calls to its supervisor thread, the one thread
 * that uses the connection for them, so they never race a reconnect's restore.
 *
 * @author mqtt-spring-boot-starter
 */
final class SubscriptionRequests {

	private final SubscriptionRegistry registry;

	private final SupervisorThread supervisorThread;

	private final ConnectionSupervisor supervisor;

	private final CallbackExecutor callbacks;

	SubscriptionRequests(SubscriptionRegistry registry, SupervisorThread supervisorThread,
			ConnectionSupervisor supervisor, CallbackExecutor callbacks) {
		this.registry = registry;
		this.supervisorThread = supervisorThread;
		this.supervisor = supervisor;
		this.callbacks = callbacks;
	}

	CompletableFuture<Subscription> subscribe(Subscription subscription) {
		this.registry.add(subscription);
		CompletableFuture<Subscription> result = new OffloadingFuture<>(this.callbacks);
		this.supervisorThread.execute(() -> {
			DriverConnection connection = this.supervisor.connectionForSubscriptions();
			if (connection == null) {
				result.complete(subscription);
				return;
			}
			this.registry.subscribe(connection, subscription).whenComplete((done, failure) -> {
				Throwable cause = Failures.unwrap(failure);
				if (cause instanceof MqttSubscriptionException) {
					// it stays registered, asked for again on every reconnect, until unsubscribed
					result.completeExceptionally(cause);
				}
				else {
					// granted, or the connection went away first: the next connect restores it
					result.complete(subscription);
				}
			});
		});
		completeWhenStopped(result, subscription);
		return result;
	}

	CompletableFuture<Void> unsubscribe(Subscription subscription) {
		boolean last = this.registry.remove(subscription);
		CompletableFuture<Void> result = new OffloadingFuture<>(this.callbacks);
		this.supervisorThread.execute(() -> {
			DriverConnection connection = this.supervisor.connectionForSubscriptions();
			if (!last || connection == null) {
				result.complete(null);
				return;
			}
			connection.unsubscribe(List.of(subscription.filter())).whenComplete((done, failure) -> {
				if (failure != null) {
					result.completeExceptionally(failure);
				}
				else {
					result.complete(null);
				}
			});
		});
		completeWhenStopped(result, null);
		return result;
	}

	/** A stopped client runs no supervisor task: the registry change is all there is to do. */
	private <T> void completeWhenStopped(CompletableFuture<T> result, T value) {
		if (this.supervisor.state() == ClientState.STOPPED) {
			result.complete(value);
		}
	}

}
