/**
 * A supervised MQTT client: {@link ManagedMqttClient} and what applications use with it
 * ({@link ClientState}, {@link PublishResult}, the messages, the settings, the exceptions, and
 * {@link InboundHandOff}, the one way off a connection's reading thread), over a package-private
 * engine: the connection supervisor, the publisher and the subscription registry. Used by
 * applications and by every package of the starter above it; it imports only the driver SPI
 * ({@code client.driver}), never {@code core}, {@code listener}, {@code actuate}, a driver or
 * the auto-configuration.
 */
package io.github.mqttboot.client;
