/**
 * Annotations for MQTT listener methods: {@link MqttListener @MqttListener} and
 * {@link TopicVariable @TopicVariable}, with the native-image hints of the methods they mark.
 * Used by applications and read by {@code listener}; it imports no other package of the
 * starter.
 */
package io.github.mqttboot.annotation;
