package io.github.mqttboot.client;

/**
 * The broker refused a subscription (an MQTT 5 SUBACK reason code of 0x80 or more, or 0x80 for
 * MQTT 3.1.1).
 *
 * @author mqtt-spring-boot-starter
 */
public class MqttSubscriptionException extends RuntimeException {

	private final String filter;

	private final int reasonCode;

	public MqttSubscriptionException(String filter, int reasonCode) {
		super("Broker refused the subscription to '" + filter + "' with reason code 0x"
				+ Integer.toHexString(reasonCode));
		this.filter = filter;
		this.reasonCode = reasonCode;
	}

	public String getFilter() {
		return this.filter;
	}

	public int getReasonCode() {
		return this.reasonCode;
	}

}
