/**
 * Spring Integration on the supervised connection: {@link SupervisedClientManager} is a
 * {@code ClientManager} whose Paho client is the {@code ManagedMqttClient}, so that Spring
 * Integration's MQTT 5 adapters share its connection, its threads and its meters. It imports
 * only {@code client}; used by the auto-configuration and by applications' flows, and by no
 * other package of the starter.
 */
package io.github.mqttboot.integration;
