/**
 * Auto-configuration for Spring Integration on the supervised connection: the
 * {@code mqttClientManager} bean. It imports {@code integration}, {@code client} and
 * {@code autoconfigure}; nothing imports it.
 */
package io.github.mqttboot.autoconfigure.integration;
