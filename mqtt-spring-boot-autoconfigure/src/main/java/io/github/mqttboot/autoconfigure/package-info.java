/**
 * Auto-configuration for the MQTT client: a supervised {@code ManagedMqttClient} from the
 * {@code mqtt.*} properties ({@link MqttProperties}), its driver, {@code MqttTemplate} and payload
 * conversion, with {@link MqttConnectionDetails}, the customizers and the failure analyzers. The
 * top of the starter: it may import any package below it; only its sub-packages, the service
 * connections ({@code testcontainers}, {@code docker.compose}) and applications (customizers,
 * connection details) import it.
 */
package io.github.mqttboot.autoconfigure;
