package io.github.mqttboot.client;

/**
 * A publish that could not be delivered: the buffer was full, the client stopped, or the broker
 * refused it. Fails the publish's future; Paho's own error codes never reach the caller.
 *
 * @author mqtt-spring-boot-starter
 */
public class MqttPublishException extends RuntimeException {

	public MqttPublishException(String message) {
		super(message);
	}

	public MqttPublishException(String message, Throwable cause) {
		super(message, cause);
	}

}
