/**
 * The sample application: a simulated sensor publishing JSON through {@code MqttTemplate},
 * {@code @MqttListener} methods with a topic template, a shared subscription with
 * {@code @SendTo}, request/reply, a Spring Integration flow on the same connection, and (profile
 * {@code bridge}) a bridge from the edge broker to a cloud broker on a second, named client. It uses
 * only the starter's public API ({@code annotation}, {@code core}, and the auto-configured
 * {@code ClientManager}), as any application would; nothing imports it.
 */
package io.github.mqttboot.sample;
