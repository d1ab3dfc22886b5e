/**
 * Test support for applications that use MQTT: {@link MqttTestBroker @MqttTestBroker} and
 * {@link MqttBrokerExtension} start a broker (Mosquitto, or the starter's embedded one) on a free
 * loopback port, and {@link MqttTestSubscriber} waits for what the application publishes. Used by
 * applications' tests and by the starter's own; it compiles against no other module of the
 * starter and reaches the embedded broker by name.
 */
package io.github.mqttboot.test;
