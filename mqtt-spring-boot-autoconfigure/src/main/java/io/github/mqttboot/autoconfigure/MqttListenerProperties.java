package io.github.mqttboot.autoconfigure;

import org.springframework.util.unit.DataSize;

/**
 * Listener properties ({@code mqtt.listener.*}).
 *
 * @author mqtt-spring-boot-starter
 */
public class MqttListenerProperties {

	/**
	 * Whether listeners start with the application.
	 */
	private boolean autoStartup = true;

	/**
	 * Workers of each listener that does not set its own; order is kept per topic.
	 */
	private int concurrency = 1;

	/**
	 * Messages each listener holds before reading from the connection pauses.
	 */
	private int queueCapacity = 1000;

	/**
	 * When to acknowledge QoS 1 and 2 messages: after-handler or on-receipt.
	 */
	private AckMode ackMode = AckMode.AFTER_HANDLER;

	/**
	 * Largest inbound payload; larger ones go to the error handler.
	 */
	private DataSize maxPayloadSize = DataSize.ofMegabytes(1);

	/**
	 * Topic that failed messages are published to; none when empty.
	 */
	private String deadLetterTopic;

	public boolean isAutoStartup() {
		return this.autoStartup;
	}

	public void setAutoStartup(boolean autoStartup) {
		this.autoStartup = autoStartup;
	}

	public int getConcurrency() {
		return this.concurrency;
	}

	public void setConcurrency(int concurrency) {
		this.concurrency = concurrency;
	}

	public int getQueueCapacity() {
		return this.queueCapacity;
	}

	public void setQueueCapacity(int queueCapacity) {
		this.queueCapacity = queueCapacity;
	}

	public AckMode getAckMode() {
		return this.ackMode;
	}

	public void setAckMode(AckMode ackMode) {
		this.ackMode = ackMode;
	}

	public DataSize getMaxPayloadSize() {
		return this.maxPayloadSize;
	}

	public void setMaxPayloadSize(DataSize maxPayloadSize) {
		this.maxPayloadSize = maxPayloadSize;
	}

	public String getDeadLetterTopic() {
		return this.deadLetterTopic;
	}

	public void setDeadLetterTopic(String deadLetterTopic) {
		this.deadLetterTopic = deadLetterTopic;
	}

	public enum AckMode {

		/** Acknowledge after the listener method returns (at-least-once). */
		AFTER_HANDLER,

		/** Acknowledge as soon as the message is read. */
		ON_RECEIPT

	}

}
