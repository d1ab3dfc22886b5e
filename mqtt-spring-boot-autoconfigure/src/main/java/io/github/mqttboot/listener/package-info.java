/**
 * Support for {@code @MqttListener} methods: {@link MqttListenerAnnotationBeanPostProcessor} finds
 * them, {@link MqttListenerEndpointRegistry} owns one {@link MqttListenerContainer} per method,
 * each on an {@code InboundHandOff} of the client's, with argument binding through
 * spring-messaging, an error handler and a dead-letter topic. It imports {@code client},
 * {@code core}, {@code annotation} and {@code observation}; applications (the registry, error
 * handlers), {@code metrics}, {@code actuate} and the auto-configuration use it, and it imports
 * none of them.
 */
package io.github.mqttboot.listener;
