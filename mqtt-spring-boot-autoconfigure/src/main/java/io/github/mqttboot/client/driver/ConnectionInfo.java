package io.github.mqttboot.client.driver;

import java.net.URI;

/**
 * What the broker said in CONNACK.
 *
 * @param serverUri the broker connected to
 * @param sessionPresent whether the broker kept a session for this client id
 * @param receiveMaximum how many QoS 1/2 publishes the broker accepts unacknowledged
 * @param maximumPacketSize the largest packet the broker accepts, or 0 for no limit
 * @param topicAliasMaximum how many topic aliases the broker accepts
 * @author mqtt-spring-boot-starter
 */
public record ConnectionInfo(URI serverUri, boolean sessionPresent, int receiveMaximum, long maximumPacketSize,
		int topicAliasMaximum) {

	/**
	 * The window of unacknowledged QoS 1 and 2 publishes for MQTT 3.1.1, which has no Receive
	 * Maximum: Paho's 3.1.1 default. A broker may drop what exceeds its own limit without a word
	 * (Mosquitto refuses the 21st concurrent QoS 2 message with a reason code that a 3.1.1 PUBREC
	 * cannot carry, so the publisher sees success).
	 */
	public static final int MQTT3_RECEIVE_MAXIMUM = 10;

}
