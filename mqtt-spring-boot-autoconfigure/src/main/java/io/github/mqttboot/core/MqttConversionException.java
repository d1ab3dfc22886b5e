package io.github.mqttboot.core;

/**
 * A payload could not be converted to or from the requested type.
 *
 * @author mqtt-spring-boot-starter
 */
public class MqttConversionException extends RuntimeException {

	public MqttConversionException(String message, Throwable cause) {
		super(message, cause);
	}

}
