package io.github.mqttboot.client.driver;

import java.net.URI;

import io.github.mqttboot.client.MqttClientSettings;
import io.github.mqttboot.client.MqttCredentials;
import io.github.mqttboot.client.OwnedThreads;

/**
 * One connection attempt: the broker to try, the client's settings, the credentials to send and
 * the factory that must create every thread the attempt needs.
 *
 * @param serverUri the broker for this attempt
 * @param settings the client's settings
 * @param threads the owner of every thread the driver starts
 * @param credentials the user name and password of this attempt, which a driver sends instead of
 * the settings' own
 * @author mqtt-spring-boot-starter
 */
public record ConnectRequest(URI serverUri, MqttClientSettings settings, OwnedThreads threads,
		MqttCredentials credentials) {

	/**
	 * Creates a request with the settings' own user name and password.
	 * @param serverUri the broker for this attempt
	 * @param settings the client's settings
	 * @param threads the owner of every thread the driver starts
	 */
	public ConnectRequest(URI serverUri, MqttClientSettings settings, OwnedThreads threads) {
		this(serverUri, settings, threads, new MqttCredentials(settings.getUsername(), settings.getPassword()));
	}

}
