package io.github.mqttboot.autoconfigure;

import com.hivemq.client.mqtt.MqttClientBuilder;

/**
 * Callback to customize the HiveMQ client's builder ({@code mqtt.driver: hivemq}) for what the
 * {@code mqtt.*} properties do not cover, such as a proxy or WebSocket settings. Applied to every
 * connection attempt, in order, before the MQTT version is chosen; the executors (the client's
 * owned threads) and automatic reconnect (off) are set again after it, because the starter owns
 * threads and reconnection. Ignored by the Paho driver.
 *
 * @author mqtt-spring-boot-starter
 */
@FunctionalInterface
public interface HiveMqClientBuilderCustomizer {

	/**
	 * Customize the builder.
	 * @param builder the builder of one connection attempt's client
	 */
	void customize(MqttClientBuilder builder);

	/**
	 * Customize the builder of one client's connection attempt. Calls {@link #customize(MqttClientBuilder)};
	 * override it to tell the clients apart.
	 * @param clientName the client's name: {@code mqttClient} for the default client, else its
	 * name under {@code mqtt.clients}
	 * @param builder the builder of one connection attempt
	 */
	default void customize(String clientName, MqttClientBuilder builder) {
		customize(builder);
	}

}
