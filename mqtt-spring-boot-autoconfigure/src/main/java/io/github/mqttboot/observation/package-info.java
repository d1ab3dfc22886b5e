/**
 * Micrometer Observations of publishing and listener handling ({@link MqttObservations}), the
 * trace context carried as MQTT 5 user properties; their contexts, and the conventions that
 * name and tag them. Used by {@code core} and {@code listener}; it
 * imports no other package of the starter.
 */
package io.github.mqttboot.observation;
