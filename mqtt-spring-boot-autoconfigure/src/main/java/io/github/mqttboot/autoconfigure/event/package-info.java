/**
 * Auto-configuration of the client's application events: the {@code MqttEventBridge} that
 * publishes them. It imports {@code event}, {@code client} and {@code autoconfigure}; nothing
 * imports it.
 */
package io.github.mqttboot.autoconfigure.event;
