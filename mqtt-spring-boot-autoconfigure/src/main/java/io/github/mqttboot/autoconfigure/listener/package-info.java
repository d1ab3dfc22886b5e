/**
 * Auto-configuration for MQTT listeners: the {@code @MqttListener} post-processor, the endpoint
 * registry and the {@code mqtt.listener.*} defaults. It imports {@code listener}, {@code core},
 * {@code client} and {@code autoconfigure}; only {@code autoconfigure.actuate} refers to it, to
 * run after it.
 */
package io.github.mqttboot.autoconfigure.listener;
