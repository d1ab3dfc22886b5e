/**
 * Auto-configuration for the embedded MQTT broker: started before the client and stopped after
 * it, with its failure analyzer and Spring Boot's logging kept in charge. It imports
 * {@code embedded} and {@code autoconfigure}; nothing imports it.
 */
package io.github.mqttboot.autoconfigure.embedded;
