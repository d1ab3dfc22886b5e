package io.github.mqttboot.client.driver.paho;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Completes a future when a Paho action ends, with a value read from the action's token. Paho's
 * MQTT 5 and MQTT 3.1.1 action listeners are two types with the same two methods: each protocol
 * declares a subclass that implements its generation's listener with the methods here.
 *
 * @param <K> the generation's token type
 * @param <T> the future's value
 * @author mqtt-spring-boot-starter
 */
abstract class PahoActionListener<K, T> {

	private final CompletableFuture<T> future;

	private final Function<K, T> value;

	PahoActionListener(CompletableFuture<T> future, Function<K, T> value) {
		this.future = future;
		this.value = value;
	}

	/**
	 * Completes the future with the token's value, or with what reading it threw.
	 * @param token the action's token
	 */
	public void onSuccess(K token) {
		try {
			this.future.complete(this.value.apply(token));
		}
		catch (RuntimeException ex) {
			this.future.completeExceptionally(ex);
		}
	}

	/**
	 * Fails the future with Paho's failure.
	 * @param token the action's token
	 * @param exception Paho's failure
	 */
	public void onFailure(K token, Throwable exception) {
		this.future.completeExceptionally(exception);
	}

}
