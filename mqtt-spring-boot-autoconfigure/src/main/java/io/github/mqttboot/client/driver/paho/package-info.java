/**
 * Drivers over Eclipse Paho Java: {@link PahoV5Driver} for MQTT 5 and {@link PahoV3Driver} for
 * MQTT 3.1.1, each attempt a new Paho client on a pool of the client's owned threads, with
 * sockets whose reads wait for CONNECT so that Paho's start-up race strands no thread and whose
 * writes send a burst of publishes at once. Imports only the driver SPI ({@code client.driver})
 * and the client's value types; the auto-configuration creates its drivers, and no other package
 * of the starter imports it.
 */
package io.github.mqttboot.client.driver.paho;
