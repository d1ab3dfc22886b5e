package io.github.mqttboot.client.driver;

import java.net.URI;

import io.github.mqttboot.client.MqttClientSettings;
import io.github.mqttboot.client.OwnedThreads;

/**
 * One connection attempt: the broker to try, the client's settings and the factory that must
 * create every thread the attempt needs.
 *
 * @param serverUri the broker for this attempt
 * @param settings the client's settings
 * @param threads the owner of every thread the driver starts
 * @author mqtt-spring-boot-starter
 */
public record ConnectRequest(URI serverUri, MqttClientSettings settings, OwnedThreads threads) {
}
