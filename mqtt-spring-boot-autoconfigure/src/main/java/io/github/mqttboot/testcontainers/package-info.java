/**
 * Support for Testcontainers MQTT service connections: {@code @ServiceConnection} on a
 * {@code HiveMQContainer} or on a container of the {@code eclipse-mosquitto} image. It imports
 * only {@code autoconfigure}; its factories are registered in {@code META-INF/spring.factories},
 * and nothing imports it.
 */
package io.github.mqttboot.testcontainers;
