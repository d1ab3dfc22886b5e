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

	private final String clientName;

	/**
	 * Creates an exception.
	 * @param message what failed, naming the broker and never a credential
	 * @param cause the driver's failure, or {@code null}
	 */
	public MqttConnectionException(String message, Throwable cause) {
		this(null, message, cause);
	}

	/**
	 * Creates an exception that names the client that failed.
	 * @param clientName the client's name, or {@code null}
	 * @param message what failed, naming the broker and never a credential
	 * @param cause the driver's failure, or {@code null}
	 * @since 0.1.0
	 */
	public MqttConnectionException(String clientName, String message, Throwable cause) {
		super(message, cause);
		this.clientName = clientName;
	}

	/**
	 * Returns the name of the client that could not connect, as its threads and meters name it.
	 * @return the client's name, or {@code null} when not known
	 * @since 0.1.0
	 */
	public String getClientName() {
		return this.clientName;
	}

}
