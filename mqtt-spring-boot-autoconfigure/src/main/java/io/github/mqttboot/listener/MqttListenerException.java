package io.github.mqttboot.listener;

/**
 * A listener failed to handle a message.
 *
 * @author mqtt-spring-boot-starter
 */
public class MqttListenerException extends RuntimeException {

	private final String listenerId;

	private final String topic;

	public MqttListenerException(String listenerId, String topic, String message, Throwable cause) {
		super("Listener '" + listenerId + "' failed on a message from '" + topic + "': " + message, cause);
		this.listenerId = listenerId;
		this.topic = topic;
	}

	public String getListenerId() {
		return this.listenerId;
	}

	public String getTopic() {
		return this.topic;
	}

}
