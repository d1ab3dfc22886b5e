package io.github.mqttboot.client;

/**
 * A TLS connection to the broker failed: its certificate is not trusted, does not match the
 * host name, or the broker refused the client's certificate. Retrying does not help until the
 * SSL bundle ({@code mqtt.ssl.bundle}) or the broker changes; the supervisor still backs off and
 * retries, as certificates are often rotated in place.
 *
 * @author mqtt-spring-boot-starter
 * @since 0.1.0
 */
public class MqttTlsException extends MqttConnectionException {

	/**
	 * Creates an exception.
	 * @param message what failed and what to check
	 * @param cause the TLS failure
	 */
	public MqttTlsException(String message, Throwable cause) {
		super(message, cause);
	}

}
