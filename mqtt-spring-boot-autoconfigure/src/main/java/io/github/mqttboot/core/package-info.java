/**
 * Publishing objects through a {@code ManagedMqttClient}: {@link MqttTemplate} (publish, and MQTT 5
 * request/reply) and {@link MqttPayloadConverter} ({@code byte[]} as is, {@code String} as UTF-8,
 * anything else as JSON). Used by applications, by {@code listener} and by the
 * auto-configuration; it imports only {@code client} and {@code observation}, never
 * {@code listener}, {@code integration}, {@code metrics}, {@code actuate} or a driver.
 */
package io.github.mqttboot.core;
