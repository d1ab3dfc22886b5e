package io.github.mqttboot.testcontainers;

import java.util.List;

import io.github.mqttboot.autoconfigure.MqttConnectionDetails;
import io.github.mqttboot.autoconfigure.MqttServerUris;
import org.testcontainers.containers.Container;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionDetailsFactory;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionSource;

/**
 * {@link ContainerConnectionDetailsFactory} creating {@link MqttConnectionDetails} from a
 * {@link org.springframework.boot.testcontainers.service.connection.ServiceConnection
 * &#64;ServiceConnection}-annotated container of the {@code eclipse-mosquitto} image
 * (Testcontainers has no Mosquitto module, so a {@code GenericContainer}).
 *
 * @author mqtt-spring-boot-starter
 */
class MosquittoContainerConnectionDetailsFactory
		extends ContainerConnectionDetailsFactory<Container<?>, MqttConnectionDetails> {

	MosquittoContainerConnectionDetailsFactory() {
		super("eclipse-mosquitto");
	}

	@Override
	protected MqttConnectionDetails getContainerConnectionDetails(ContainerConnectionSource<Container<?>> source) {
		return new MosquittoContainerConnectionDetails(source);
	}

	static final class MosquittoContainerConnectionDetails extends ContainerConnectionDetails<Container<?>>
			implements MqttConnectionDetails {

		private MosquittoContainerConnectionDetails(ContainerConnectionSource<Container<?>> source) {
			super(source);
		}

		@Override
		public List<String> getServerUris() {
			Container<?> container = getContainer();
			return List.of(MqttServerUris.tcp(container.getHost(), container.getMappedPort(MqttServerUris.MQTT_PORT)));
		}

		@Override
		public SslBundle getSslBundle() {
			// from @Ssl/@PemKeyStore/@JksTrustStore... beside @ServiceConnection, else null
			return super.getSslBundle();
		}

	}

}
