package io.github.mqttboot.client;

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
}
