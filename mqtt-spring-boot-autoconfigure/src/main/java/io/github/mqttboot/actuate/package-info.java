/**
 * Actuator support for MQTT: {@link MqttHealthIndicator}, the {@code mqtt} endpoint
 * ({@link MqttEndpoint}) with its view of the listeners ({@link MqttListenersView}), and
 * {@link MqttSanitizingFunction}. It imports {@code client}, {@code client.driver} and
 * {@code listener}; only the auto-configuration uses it, and nothing below it imports it.
 */
package io.github.mqttboot.actuate;
