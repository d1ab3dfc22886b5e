/**
 * Support for Docker Compose MQTT service connections: {@code eclipse-mosquitto} and
 * {@code hivemq/hivemq-ce} services. It imports only {@code autoconfigure}; its factory is
 * registered in {@code META-INF/spring.factories}, and nothing imports it.
 */
package io.github.mqttboot.docker.compose;
