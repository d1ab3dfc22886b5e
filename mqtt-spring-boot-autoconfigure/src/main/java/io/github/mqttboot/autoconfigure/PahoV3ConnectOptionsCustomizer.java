package io.github.mqttboot.autoconfigure;

import org.eclipse.paho.client.mqttv3.MqttConnectOptions;

/**
 * Callback to customize Paho's MQTT 3.1.1 connect options ({@code mqtt.protocol-version: 3}) for
 * what the {@code mqtt.*} properties do not cover. Applied to every connection attempt, in
 * order; automatic reconnect stays off and the protocol stays 3.1.1 whatever a customizer sets.
 *
 * @author mqtt-spring-boot-starter
 */
@FunctionalInterface
public interface PahoV3ConnectOptionsCustomizer {

	/**
	 * Customize the options.
	 * @param options the options of one connection attempt
	 */
	void customize(MqttConnectOptions options);

	/**
	 * Customize the options of one client's connection attempt. Calls {@link #customize(MqttConnectOptions)};
	 * override it to tell the clients apart.
	 * @param clientName the client's name: {@code mqttClient} for the default client, else its
	 * name under {@code mqtt.clients}
	 * @param options the options of one connection attempt
	 */
	default void customize(String clientName, MqttConnectOptions options) {
		customize(options);
	}

}
