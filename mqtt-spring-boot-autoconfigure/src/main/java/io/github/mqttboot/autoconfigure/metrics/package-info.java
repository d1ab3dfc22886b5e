/**
 * Auto-configuration for MQTT metrics: the client's and the listeners' meters. It imports
 * {@code metrics}, {@code client} and {@code autoconfigure}; nothing imports it.
 */
package io.github.mqttboot.autoconfigure.metrics;
