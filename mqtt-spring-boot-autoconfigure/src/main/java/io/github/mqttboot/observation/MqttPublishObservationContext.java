package io.github.mqttboot.observation;

import java.util.Map;

import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.SenderContext;

/**
 * The context of the observation of one publish, from the call to its acknowledgement. Its
 * carrier is the message's MQTT 5 user properties, into which the trace context is written.
 *
 * @author mqtt-spring-boot-starter
 * @since 0.1.0
 */
public class MqttPublishObservationContext extends SenderContext<Map<String, String>> {

	private final String clientName;

	private final String topic;

	private final int qos;

	/**
	 * Creates the context of a publish.
	 * @param clientName the name of the client that publishes
	 * @param topic the topic
	 * @param qos the QoS
	 * @param userProperties the message's user properties, written into
	 */
	public MqttPublishObservationContext(String clientName, String topic, int qos,
			Map<String, String> userProperties) {
		super((carrier, key, value) -> carrier.put(key, value), Kind.PRODUCER);
		this.clientName = clientName;
		this.topic = topic;
		this.qos = qos;
		setCarrier(userProperties);
		setRemoteServiceName("mqtt");
	}

	/**
	 * Returns the name of the client that publishes, the {@code client} tag.
	 * @return the client's bean name
	 */
	public String getClientName() {
		return this.clientName;
	}

	/**
	 * Returns the topic the message is published to.
	 * @return the topic
	 */
	public String getTopic() {
		return this.topic;
	}

	/**
	 * Returns the QoS of the publish.
	 * @return 0, 1 or 2
	 */
	public int getQos() {
		return this.qos;
	}

}
