/**
 * Micrometer Observations of publishing and listener handling ({@link MqttObservations}), the
 * trace context carried as MQTT 5 user properties. Used by {@code core} and {@code listener}; it
 * imports no other package of the starter.
 */
package io.github.mqttboot.observation;
