/**
 * Spring {@code ApplicationEvent}s of what a client does, each with the client's name: connected,
 * connection lost, connect failed, subscription refused, listener stalled and recovered, and a
 * probable client id conflict, under the common {@link MqttClientEvent}. {@link MqttEventBridge}
 * publishes them on a thread the client owns, so that a slow event listener never holds up the
 * connection. Applications listen to the events; the auto-configuration creates the bridge. It
 * imports {@code client} and {@code listener} (whose observer it implements), and nothing in the
 * starter imports it.
 */
package io.github.mqttboot.event;
