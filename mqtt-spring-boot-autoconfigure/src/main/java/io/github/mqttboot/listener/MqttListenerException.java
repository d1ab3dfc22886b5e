package io.github.mqttboot.listener;

/**
 * A listener failed to handle a message.
 *
 * @author mqtt-spring-boot-starter
 * @since 0.1.0
 */
public class MqttListenerException extends RuntimeException {

	/** The id of the listener that failed. */
	private final String listenerId;

	/** The topic of the message it failed on. */
	private final String topic;

	/** How many times it tried the message. */
	private final int attempts;

	/**
	 * Creates an exception for a message that failed its only attempt.
	 * @param listenerId the listener's id
	 * @param topic the message's topic
	 * @param message what went wrong
	 * @param cause the failure, or {@code null}
	 */
	public MqttListenerException(String listenerId, String topic, String message, Throwable cause) {
		this(listenerId, topic, message, cause, 1);
	}

	/**
	 * Creates an exception for a message that failed every attempt.
	 * @param listenerId the listener's id
	 * @param topic the message's topic
	 * @param message what went wrong
	 * @param cause the last attempt's failure
	 * @param attempts how many times the listener tried the message
	 */
	public MqttListenerException(String listenerId, String topic, String message, Throwable cause, int attempts) {
		super("Listener '" + listenerId + "' failed on a message from '" + topic + "'"
				+ ((attempts > 1) ? " after " + attempts + " attempts" : "") + ": " + message, cause);
		this.listenerId = listenerId;
		this.topic = topic;
		this.attempts = attempts;
	}

	/**
	 * Returns the id of the listener that failed.
	 * @return the id
	 */
	public String getListenerId() {
		return this.listenerId;
	}

	/**
	 * Returns the topic of the message the listener failed on.
	 * @return the topic
	 */
	public String getTopic() {
		return this.topic;
	}

	/**
	 * Returns how many times the listener tried the message, the last failure included.
	 * @return the attempts
	 */
	public int getAttempts() {
		return this.attempts;
	}

}
