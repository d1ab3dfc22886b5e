package io.github.mqttboot.sample;

import java.util.concurrent.atomic.AtomicLong;

import io.github.mqttboot.annotation.MqttListener;
import io.github.mqttboot.annotation.TopicVariable;
import io.github.mqttboot.core.MqttTemplate;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Bridges the edge broker (the default client) to the cloud broker (the client named
 * {@code cloud} under {@code mqtt.clients}): every reading on the edge is forwarded to
 * {@code edge/<sensor>/temperature} in the cloud, and every command from the cloud to
 * {@code commands/<sensor>} on the edge. Each broker has a connection of its own, so an outage
 * of one never disturbs the other; what cannot be forwarded waits in the publish buffer of the
 * client that is down. Active with the {@code bridge} profile.
 */
@Component
@Profile("bridge")
class CloudBridge {

	private static final Log logger = LogFactory.getLog(CloudBridge.class);

	private final MqttTemplate edge;

	private final MqttTemplate cloud;

	private final AtomicLong forwarded = new AtomicLong();

	CloudBridge(MqttTemplate edge, @Qualifier("cloudMqttTemplate") MqttTemplate cloud) {
		this.edge = edge;
		this.cloud = cloud;
	}

	/** Up: from the edge broker to the cloud broker, payload untouched. */
	@MqttListener(id = "bridge-up", topics = "sensors/{sensor}/temperature")
	void up(@TopicVariable String sensor, byte[] reading) {
		this.cloud.publish("edge/" + sensor + "/temperature", reading)
			.thenRun(this.forwarded::incrementAndGet)
			.exceptionally((ex) -> {
				logger.warn("Could not forward a reading of " + sensor + " to the cloud: " + ex.getMessage());
				return null;
			});
	}

	/** Down: commands from the cloud broker to the edge broker; this listener runs on the cloud client. */
	@MqttListener(id = "bridge-down", topics = "commands/{sensor}", client = "cloud")
	void down(@TopicVariable String sensor, byte[] command) {
		this.edge.publish("commands/" + sensor, command);
	}

	long forwarded() {
		return this.forwarded.get();
	}

}
