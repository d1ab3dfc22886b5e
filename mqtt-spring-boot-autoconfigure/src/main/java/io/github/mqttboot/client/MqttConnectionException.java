package io.github.mqttboot.client;

/**
 * The client could not connect: at startup with {@code mqtt.startup.wait-for-connection} set,
 * and, through its subclasses, as the client's last error when the broker refused the TLS
 * handshake or the credentials.
 *
 * @author mqtt-spring-boot-starter
 */
public class MqttConnectionException extends RuntimeException {

	public MqttConnectionException(String message, Throwable cause) {
		super(message, cause);
	}

}
