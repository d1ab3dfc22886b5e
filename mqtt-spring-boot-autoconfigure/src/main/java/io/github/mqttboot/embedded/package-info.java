/**
 * An embedded MQTT broker for development: {@link EmbeddedMqttBroker}, HiveMQ CE in-process on
 * 127.0.0.1. Optional: it needs {@code com.hivemq:hivemq-community-edition-embedded}. It imports
 * no other package of the starter; used by the auto-configuration, and by name by
 * {@code mqtt-spring-boot-test}.
 */
package io.github.mqttboot.embedded;
