package io.github.mqttboot.autoconfigure;

import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;

/**
 * Callback to customize Paho's MQTT 5 connection options for what the {@code mqtt.*} properties
 * do not cover. Applied to every connection attempt, in order; automatic reconnect stays off
 * whatever a customizer sets, because the supervisor owns reconnection.
 *
 * @author mqtt-spring-boot-starter
 */
@FunctionalInterface
public interface PahoV5ConnectionOptionsCustomizer {

	/**
	 * Customize the options.
	 * @param options the options of one connection attempt
	 */
	void customize(MqttConnectionOptions options);

	/**
	 * Customize the options of one client's connection attempt. Calls {@link #customize(MqttConnectionOptions)};
	 * override it to tell the clients apart.
	 * @param clientName the client's name: {@code mqttClient} for the default client, else its
	 * name under {@code mqtt.clients}
	 * @param options the options of one connection attempt
	 */
	default void customize(String clientName, MqttConnectionOptions options) {
		customize(options);
	}

}
