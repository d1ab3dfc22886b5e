package io.github.mqttboot.client;

/**
 * A publish that could not be delivered: the buffer was full, the client stopped, or the broker
 * refused it. Fails the publish's future; Paho's own error codes never reach the caller.
 *
 * @author mqtt-spring-boot-starter
 * @since 0.1.0
 */
public class MqttPublishException extends RuntimeException {

	/** The reason code of the broker's refusal, or -1. */
	private final int reasonCode;

	/**
	 * Creates an exception for a publish that was not refused by the broker.
	 * @param message why the publish failed
	 */
	public MqttPublishException(String message) {
		this(message, null);
	}

	/**
	 * Creates an exception for a publish that was not refused by the broker.
	 * @param message why the publish failed
	 * @param cause the driver's failure, or {@code null}
	 */
	public MqttPublishException(String message, Throwable cause) {
		this(message, -1, cause);
	}

	/**
	 * Creates an exception.
	 * @param message why the publish failed
	 * @param reasonCode the reason code of the broker's refusal, or -1
	 * @param cause the driver's failure, or {@code null}
	 */
	public MqttPublishException(String message, int reasonCode, Throwable cause) {
		super(message, cause);
		this.reasonCode = reasonCode;
	}

	/**
	 * The reason code of the broker's refusal (PUBACK or PUBREC, 0x80 or more, for example
	 * 0x87 when an ACL denies the topic), or -1 when the broker did not refuse it.
	 * @return the reason code
	 */
	public int getReasonCode() {
		return this.reasonCode;
	}

}
