package io.github.mqttboot.observation;

import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;

import org.springframework.messaging.Message;

/**
 * The context of the observation of one listener invocation. Its carrier is the received message,
 * whose headers (the MQTT 5 user properties among them) carry the producer's trace context.
 *
 * @author mqtt-spring-boot-starter
 * @since 0.1.0
 */
public class MqttListenerObservationContext extends ReceiverContext<Message<byte[]>> {

	private final String clientName;

	private final String listenerId;

	private final String topic;

	/**
	 * Creates the context of a listener invocation.
	 * @param clientName the name of the client the listener subscribes on
	 * @param listenerId the listener's id
	 * @param topic the topic the message was published to
	 * @param message the message the listener receives
	 */
	public MqttListenerObservationContext(String clientName, String listenerId, String topic,
			Message<byte[]> message) {
		super((carrier, key) -> {
			Object value = carrier.getHeaders().get(key);
			return (value != null) ? value.toString() : null;
		}, Kind.CONSUMER);
		this.clientName = clientName;
		this.listenerId = listenerId;
		this.topic = topic;
		setCarrier(message);
		setRemoteServiceName("mqtt");
	}

	/**
	 * Returns the name of the client the listener subscribes on, the {@code client} tag.
	 * @return the client's bean name
	 */
	public String getClientName() {
		return this.clientName;
	}

	/**
	 * Returns the listener's id, the {@code listener} tag.
	 * @return the id
	 */
	public String getListenerId() {
		return this.listenerId;
	}

	/**
	 * Returns the topic the message was published to.
	 * @return the topic
	 */
	public String getTopic() {
		return this.topic;
	}

}
