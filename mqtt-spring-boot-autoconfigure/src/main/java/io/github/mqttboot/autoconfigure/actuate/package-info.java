/**
 * Auto-configuration for MQTT actuator support: the {@code mqtt} health contributor, the
 * {@code mqtt} endpoint, and masking of the {@code mqtt.*} credentials in the {@code env} and
 * {@code configprops} endpoints. It imports {@code actuate}, {@code listener}, {@code client} and
 * the auto-configurations it runs after; nothing imports it.
 */
package io.github.mqttboot.autoconfigure.actuate;
