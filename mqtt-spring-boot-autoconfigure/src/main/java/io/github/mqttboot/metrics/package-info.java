/**
 * Micrometer meters of the client and its listeners: {@link MqttClientMetrics} and
 * {@link MqttListenerMetrics}, the {@code MeterBinder}s of the {@code mqtt.*} meters. It imports
 * {@code client} and {@code listener} (whose observer it implements); only the auto-configuration
 * uses it.
 */
package io.github.mqttboot.metrics;
