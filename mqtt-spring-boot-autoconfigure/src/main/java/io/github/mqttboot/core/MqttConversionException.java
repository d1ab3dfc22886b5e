package io.github.mqttboot.core;

/**
 * A payload could not be converted to or from the requested type.
 *
 * @author mqtt-spring-boot-starter
 * @since 0.1.0
 */
public class MqttConversionException extends RuntimeException {

	/**
	 * Creates an exception.
	 * @param message what could not be converted
	 * @param cause the converter's failure, or {@code null}
	 */
	public MqttConversionException(String message, Throwable cause) {
		super(message, cause);
	}

}
