package io.github.mqttboot.client;

/**
 * The application's {@link MqttCredentialsProvider} threw or returned {@code null} for a
 * connection attempt, which fails that attempt; the client retries with its backoff. The message
 * names the client and the server URI, never a credential.
 *
 * @author mqtt-spring-boot-starter
 * @since 0.1.0
 */
public class MqttCredentialsException extends MqttConnectionException {

	/**
	 * Creates an exception.
	 * @param message what the provider did, never containing a credential
	 * @param cause what the provider threw, or {@code null}
	 */
	public MqttCredentialsException(String message, Throwable cause) {
		super(message, cause);
	}

}
