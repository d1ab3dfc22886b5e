/**
 * The driver SPI: what an MQTT library implements ({@link MqttDriver}, {@link DriverConnection})
 * so that a {@code ManagedMqttClient} runs on it, and what passes between the two
 * ({@link DriverListener}, {@link ConnectRequest}, {@link ConnectionInfo},
 * {@link SubscriptionRequest}, {@link ConnectFailures}). Called by the client's engine and
 * implemented by the drivers in {@code client.driver.paho} and {@code client.driver.hivemq}; it
 * may use the client's value types (messages, settings, exceptions, {@code OwnedThreads}) and
 * imports nothing else of the starter.
 */
package io.github.mqttboot.client.driver;
