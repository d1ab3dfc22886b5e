package io.github.mqttboot.client;

/**
 * The broker refused the connection's credentials: CONNACK reason code 0x86 (bad user name or
 * password) or 0x87 (not authorized); with MQTT 3.1.1, return code 4 or 5, reported as 0x86 or
 * 0x87. The message never contains a credential.
 *
 * @author mqtt-spring-boot-starter
 * @since 0.1.0
 */
public class MqttNotAuthorizedException extends MqttConnectionException {

	/** The CONNACK reason code. */
	private final int reasonCode;

	/**
	 * Creates an exception.
	 * @param message what was refused, never containing a credential
	 * @param reasonCode the CONNACK reason code, 0x86 or 0x87
	 * @param cause the driver's failure, or {@code null}
	 */
	public MqttNotAuthorizedException(String message, int reasonCode, Throwable cause) {
		super(message, cause);
		this.reasonCode = reasonCode;
	}

	/**
	 * Returns the CONNACK reason code (MQTT 5's, also for MQTT 3.1.1's return codes).
	 * @return 0x86 or 0x87
	 */
	public int getReasonCode() {
		return this.reasonCode;
	}

}
