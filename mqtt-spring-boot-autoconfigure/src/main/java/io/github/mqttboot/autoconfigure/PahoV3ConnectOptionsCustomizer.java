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

}
