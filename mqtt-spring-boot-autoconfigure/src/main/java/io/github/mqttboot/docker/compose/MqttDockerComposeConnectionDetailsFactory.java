package io.github.mqttboot.docker.compose;

import java.util.List;

import io.github.mqttboot.autoconfigure.MqttConnectionDetails;
import io.github.mqttboot.autoconfigure.MqttServerUris;

import org.springframework.boot.docker.compose.core.RunningService;
import org.springframework.boot.docker.compose.service.connection.DockerComposeConnectionDetailsFactory;
import org.springframework.boot.docker.compose.service.connection.DockerComposeConnectionSource;

/**
 * {@link DockerComposeConnectionDetailsFactory} creating {@link MqttConnectionDetails} for
 * an {@code eclipse-mosquitto} or {@code hivemq/hivemq-ce} service.
 *
 * @author mqtt-spring-boot-starter
 */
class MqttDockerComposeConnectionDetailsFactory extends DockerComposeConnectionDetailsFactory<MqttConnectionDetails> {

	private static final String[] MQTT_CONTAINER_NAMES = { "eclipse-mosquitto", "hivemq/hivemq-ce" };

	MqttDockerComposeConnectionDetailsFactory() {
		super(MQTT_CONTAINER_NAMES);
	}

	@Override
	protected MqttConnectionDetails getDockerComposeConnectionDetails(DockerComposeConnectionSource source) {
		return new MqttDockerComposeConnectionDetails(source.getRunningService());
	}

	static final class MqttDockerComposeConnectionDetails extends DockerComposeConnectionDetails
			implements MqttConnectionDetails {

		private final String serverUri;

		MqttDockerComposeConnectionDetails(RunningService service) {
			super(service);
			this.serverUri = MqttServerUris.tcp(service.host(), service.ports().get(MqttServerUris.MQTT_PORT));
		}

		@Override
		public List<String> getServerUris() {
			return List.of(this.serverUri);
		}

	}

}
