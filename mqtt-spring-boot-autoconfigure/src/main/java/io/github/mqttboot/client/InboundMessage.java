package io.github.mqttboot.client;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A message that arrived, with the acknowledgement it owes the broker.
 *
 * @author mqtt-spring-boot-starter
 */
public final class InboundMessage {

	private final String topic;

	private final byte[] payload;

	private final int qos;

	private final boolean retained;

	private final boolean duplicate;

	private final int messageId;

	private final MqttMessageProperties properties;

	private final Runnable acknowledgement;

	private final List<Integer> subscriptionIds;

	private final AtomicInteger holds = new AtomicInteger(1);

	public InboundMessage(String topic, byte[] payload, int qos, boolean retained, boolean duplicate, int messageId,
			MqttMessageProperties properties, Runnable acknowledgement) {
		this(topic, payload, qos, retained, duplicate, messageId, properties, acknowledgement, List.of());
	}

	public InboundMessage(String topic, byte[] payload, int qos, boolean retained, boolean duplicate, int messageId,
			MqttMessageProperties properties, Runnable acknowledgement, List<Integer> subscriptionIds) {
		this.subscriptionIds = List.copyOf(subscriptionIds);
		this.topic = topic;
		this.payload = payload;
		this.qos = qos;
		this.retained = retained;
		this.duplicate = duplicate;
		this.messageId = messageId;
		this.properties = properties;
		this.acknowledgement = acknowledgement;
	}

	public String topic() {
		return this.topic;
	}

	public byte[] payload() {
		return this.payload;
	}

	public int qos() {
		return this.qos;
	}

	public boolean retained() {
		return this.retained;
	}

	public boolean duplicate() {
		return this.duplicate;
	}

	public int messageId() {
		return this.messageId;
	}

	public MqttMessageProperties properties() {
		return this.properties;
	}

	/**
	 * Returns the subscription identifiers the broker sent with the message: which of this
	 * client's subscriptions it was delivered for. Empty for MQTT 3.1.1 or a broker without them.
	 * @return the identifiers
	 */
	public List<Integer> subscriptionIds() {
		return this.subscriptionIds;
	}

	/**
	 * Takes one more hold on the acknowledgement: a handler that finishes the message on another
	 * thread retains it before handing it off and {@link #release() releases} it when done.
	 * @return this message
	 */
	public InboundMessage retain() {
		this.holds.incrementAndGet();
		return this;
	}

	/**
	 * Gives up one hold; the last release acknowledges the message to the broker (QoS 1 and 2),
	 * so that with manual acknowledgements the broker redelivers whatever was not handled.
	 */
	public void release() {
		if (this.holds.decrementAndGet() == 0) {
			this.acknowledgement.run();
		}
	}

}
