package io.github.mqttboot.listener;

/**
 * A listener failed to handle a message.
 *
 * @author mqtt-spring-boot-starter
 */
public class MqttListenerException extends RuntimeException {

	private final String listenerId;

	private final String topic;

	private final int attempts;

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

	public String getListenerId() {
		return this.listenerId;
	}

	public String getTopic() {
		return this.topic;
	}

	/** How many times the listener tried the message, the last failure included. */
	public int getAttempts() {
		return this.attempts;
	}

}
