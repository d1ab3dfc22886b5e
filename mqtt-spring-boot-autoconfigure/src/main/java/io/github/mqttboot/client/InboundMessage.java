package io.github.mqttboot.client;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A message that arrived, with the acknowledgement it owes the broker.
 *
 * @author mqtt-spring-boot-starter
 * @since 0.1.0
 */
public final class InboundMessage {

	private static final byte[] NO_PAYLOAD = new byte[0];

	private final String topic;

	private final byte[] payload;

	private final int payloadLength;

	private final int qos;

	private final boolean retained;

	private final boolean duplicate;

	private final int messageId;

	private final MqttMessageProperties properties;

	private final Runnable acknowledgement;

	private final List<Integer> subscriptionIds;

	private final AtomicInteger holds = new AtomicInteger(1);

	/**
	 * Creates a message without subscription identifiers.
	 * @param topic the topic it was published to
	 * @param payload the payload
	 * @param qos the QoS it was delivered with
	 * @param retained whether the broker sent it as a retained message
	 * @param duplicate whether the broker marked it as a redelivery
	 * @param messageId the packet identifier, 0 for QoS 0
	 * @param properties its MQTT 5 properties, {@link MqttMessageProperties#NONE} for none
	 * @param acknowledgement sends the acknowledgement it owes the broker; run once, by the last
	 * {@link #release()}
	 */
	public InboundMessage(String topic, byte[] payload, int qos, boolean retained, boolean duplicate, int messageId,
			MqttMessageProperties properties, Runnable acknowledgement) {
		this(topic, payload, qos, retained, duplicate, messageId, properties, acknowledgement, List.of());
	}

	/**
	 * Creates a message.
	 * @param topic the topic it was published to
	 * @param payload the payload
	 * @param qos the QoS it was delivered with
	 * @param retained whether the broker sent it as a retained message
	 * @param duplicate whether the broker marked it as a redelivery
	 * @param messageId the packet identifier, 0 for QoS 0
	 * @param properties its MQTT 5 properties, {@link MqttMessageProperties#NONE} for none
	 * @param acknowledgement sends the acknowledgement it owes the broker; run once, by the last
	 * {@link #release()}
	 * @param subscriptionIds the MQTT 5 subscription identifiers the broker sent with it
	 */
	public InboundMessage(String topic, byte[] payload, int qos, boolean retained, boolean duplicate, int messageId,
			MqttMessageProperties properties, Runnable acknowledgement, List<Integer> subscriptionIds) {
		this(topic, payload, payload.length, qos, retained, duplicate, messageId, properties, acknowledgement,
				subscriptionIds);
	}

	private InboundMessage(String topic, byte[] payload, int payloadLength, int qos, boolean retained,
			boolean duplicate, int messageId, MqttMessageProperties properties, Runnable acknowledgement,
			List<Integer> subscriptionIds) {
		this.subscriptionIds = List.copyOf(subscriptionIds);
		this.topic = topic;
		this.payload = payload;
		this.payloadLength = payloadLength;
		this.qos = qos;
		this.retained = retained;
		this.duplicate = duplicate;
		this.messageId = messageId;
		this.properties = properties;
		this.acknowledgement = acknowledgement;
	}

	/**
	 * Returns the topic the message was published to.
	 * @return the topic
	 */
	public String topic() {
		return this.topic;
	}

	/**
	 * Returns the payload, not copied.
	 * @return the payload
	 */
	public byte[] payload() {
		return this.payload;
	}

	/**
	 * Returns the size of the payload as it arrived, also for a copy made
	 * {@link #withoutPayload() without it}.
	 * @return the size in bytes
	 */
	public int payloadLength() {
		return this.payloadLength;
	}

	/**
	 * Returns a copy with an empty payload that holds this message's acknowledgement: this
	 * message is acknowledged once the copy is released too. The copy keeps no reference to
	 * this message, so that the payload can go while the copy waits.
	 * @return the copy, with one hold, its caller's
	 */
	public InboundMessage withoutPayload() {
		retain();
		AtomicInteger holds = this.holds;
		Runnable acknowledgement = this.acknowledgement;
		return new InboundMessage(this.topic, NO_PAYLOAD, this.payloadLength, this.qos, this.retained,
				this.duplicate, this.messageId, this.properties, () -> release(holds, acknowledgement),
				this.subscriptionIds);
	}

	/**
	 * Returns the QoS the message was delivered with.
	 * @return 0, 1 or 2
	 */
	public int qos() {
		return this.qos;
	}

	/**
	 * Returns whether the broker sent the message as a retained one.
	 * @return whether it is retained
	 */
	public boolean retained() {
		return this.retained;
	}

	/**
	 * Returns whether the broker marked the message as a redelivery (DUP flag).
	 * @return whether it may have been delivered before
	 */
	public boolean duplicate() {
		return this.duplicate;
	}

	/**
	 * Returns the packet identifier.
	 * @return the identifier, 0 for QoS 0 or a driver that does not expose it
	 */
	public int messageId() {
		return this.messageId;
	}

	/**
	 * Returns the message's MQTT 5 properties.
	 * @return the properties, {@link MqttMessageProperties#NONE} when it has none
	 */
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
		release(this.holds, this.acknowledgement);
	}

	private static void release(AtomicInteger holds, Runnable acknowledgement) {
		if (holds.decrementAndGet() == 0) {
			acknowledgement.run();
		}
	}

}
