/**
 * Driver over the HiveMQ MQTT client ({@code mqtt.driver: hivemq}), for MQTT 5 and 3.1.1:
 * {@link HiveMqDriver}, each attempt a new HiveMQ client on its own Netty event loop and callback
 * thread, both owned by the client. Optional: it needs {@code com.hivemq:hivemq-mqtt-client}.
 * Imports only the driver SPI ({@code client.driver}) and the client's value types; the
 * auto-configuration creates its driver, and no other package of the starter imports it.
 */
package io.github.mqttboot.client.driver.hivemq;
