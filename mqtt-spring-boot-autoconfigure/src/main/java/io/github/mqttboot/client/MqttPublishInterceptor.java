package io.github.mqttboot.client;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Wraps every publish of a {@link ManagedMqttClient}, whatever made it: a template, a listener's
 * reply, a dead letter, an integration adapter or a direct call. With observations on, the
 * auto-configuration observes publishes with one, so that each is timed and traced once.
 *
 * @author mqtt-spring-boot-starter
 * @since 0.1.0
 * @see MqttClientSettings#setPublishInterceptor(MqttPublishInterceptor)
 */
@FunctionalInterface
public interface MqttPublishInterceptor {

	/**
	 * Publishes a message through the rest of the client. Called on the publishing thread, after
	 * the topic and QoS were checked.
	 * @param message the message
	 * @param next publishes a message: to call once, with the message or a copy of it
	 * @return the outcome: what {@code next} returned, or a future that completes with it
	 */
	CompletableFuture<PublishResult> publish(OutboundMessage message,
			Function<OutboundMessage, CompletableFuture<PublishResult>> next);

}
