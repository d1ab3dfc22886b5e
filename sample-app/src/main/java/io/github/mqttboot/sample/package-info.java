/**
 * The sample application: a simulated sensor publishing JSON through {@code MqttTemplate},
 * {@code @MqttListener} methods with a topic template, a shared subscription with
 * {@code @SendTo}, request/reply, and a Spring Integration flow on the same connection. It uses
 * only the starter's public API ({@code annotation}, {@code core}, and the auto-configured
 * {@code ClientManager}), as any application would; nothing imports it.
 */
package io.github.mqttboot.sample;
