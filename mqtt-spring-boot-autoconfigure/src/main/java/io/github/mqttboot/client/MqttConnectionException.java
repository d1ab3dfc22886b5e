package io.github.mqttboot.client;

/**
 * The client could not connect when it had to: at startup with
 * {@code mqtt.startup.wait-for-connection} set.
 *
 * @author mqtt-spring-boot-starter
 */
public class MqttConnectionException extends RuntimeException {

	public MqttConnectionException(String message, Throwable cause) {
		super(message, cause);
	}

}
