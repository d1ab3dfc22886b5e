package io.github.mqttboot.autoconfigure;

/**
 * A {@code mqtt.*} property has a value the client cannot use. Turned into a startup failure
 * report that names the property.
 *
 * @author mqtt-spring-boot-starter
 */
public class InvalidMqttPropertyException extends RuntimeException {

	private final String property;

	private final Object value;

	private final String reason;

	public InvalidMqttPropertyException(String property, Object value, String reason) {
		super("Invalid value '" + value + "' for property '" + property + "': " + reason);
		this.property = property;
		this.value = value;
		this.reason = reason;
	}

	public String getProperty() {
		return this.property;
	}

	public Object getValue() {
		return this.value;
	}

	public String getReason() {
		return this.reason;
	}

}
