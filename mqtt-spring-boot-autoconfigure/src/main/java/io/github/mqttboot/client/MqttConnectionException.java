package io.github.mqttboot.client;

/**
 * The client could not connect: at startup with {@code mqtt.startup.wait-for-connection} set,
 * and, through its subclasses, as the client's last error when the broker refused the TLS
 * handshake or the credentials.
 *
 * @author mqtt-spring-boot-starter
 * @since 0.1.0
 */
public class MqttConnectionException extends RuntimeException {

	/**
	 * Creates an exception.
	 * @param message what failed, naming the broker and never a credential
	 * @param cause the driver's failure, or {@code null}
	 */
	public MqttConnectionException(String message, Throwable cause) {
		super(message, cause);
	}

}
