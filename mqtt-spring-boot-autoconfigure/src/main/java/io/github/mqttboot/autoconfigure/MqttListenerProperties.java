package io.github.mqttboot.autoconfigure;

import java.time.Duration;

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
	 * What happens to a QoS 0 message for a full hand-off: drop (counted) or wait, which holds
	 * up reading from the connection.
	 */
	private Qos0Overflow qos0Overflow = Qos0Overflow.DROP;

	/**
	 * Largest inbound payload. With MQTT 5 the broker is told (as the Maximum Packet Size, with
	 * room for the headers) and never sends larger messages; with MQTT 3.1.1 they are read and go
	 * to the error handler.
	 */
	private DataSize maxPayloadSize = DataSize.ofMegabytes(1);

	/**
	 * Topic that failed messages are published to; none when empty.
	 */
	private String deadLetterTopic;

	/**
	 * How long a listener may make no progress (its hand-off has work and none is taken, or one
	 * handler call runs) before health and the endpoint report it stalled.
	 */
	private Duration stallTimeout = Duration.ofSeconds(30);

	private final Retry retry = new Retry();

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

	public Qos0Overflow getQos0Overflow() {
		return this.qos0Overflow;
	}

	public void setQos0Overflow(Qos0Overflow qos0Overflow) {
		this.qos0Overflow = qos0Overflow;
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

	public Duration getStallTimeout() {
		return this.stallTimeout;
	}

	public void setStallTimeout(Duration stallTimeout) {
		this.stallTimeout = stallTimeout;
	}

	public Retry getRetry() {
		return this.retry;
	}

	/**
	 * Retry of failed messages; conversion and validation failures are never retried.
	 */
	public static class Retry {

		/**
		 * Attempts per message before the error handler and the dead-letter topic get it; 1
		 * retries nothing.
		 */
		private int maxAttempts = 3;

		/**
		 * Wait before the second attempt.
		 */
		private Duration initialInterval = Duration.ofSeconds(1);

		/**
		 * Factor applied to the wait after each attempt.
		 */
		private double multiplier = 2.0;

		/**
		 * Longest wait between attempts.
		 */
		private Duration maxInterval = Duration.ofSeconds(10);

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public Duration getInitialInterval() {
			return this.initialInterval;
		}

		public void setInitialInterval(Duration initialInterval) {
			this.initialInterval = initialInterval;
		}

		public double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(double multiplier) {
			this.multiplier = multiplier;
		}

		public Duration getMaxInterval() {
			return this.maxInterval;
		}

		public void setMaxInterval(Duration maxInterval) {
			this.maxInterval = maxInterval;
		}

	}

	public enum Qos0Overflow {

		/**
		 * Drop the message and count it in mqtt.messages.dropped unless the listener takes one
		 * within 10 ms: reading waits only for a listener that keeps taking messages.
		 */
		DROP,

		/** Wait for room, as for QoS 1 and 2: reading from the connection pauses meanwhile. */
		WAIT

	}

	public enum AckMode {

		/** Acknowledge after the listener method returns (at-least-once). */
		AFTER_HANDLER,

		/** Acknowledge as soon as the message is read. */
		ON_RECEIPT

	}

}
