package io.github.mqttboot.testcontainers;

import java.util.List;

import io.github.mqttboot.autoconfigure.MqttConnectionDetails;
import io.github.mqttboot.autoconfigure.MqttServerUris;
import org.testcontainers.hivemq.HiveMQContainer;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionDetailsFactory;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionSource;

/**
 * {@link ContainerConnectionDetailsFactory} creating {@link MqttConnectionDetails} from a
 * {@link org.springframework.boot.testcontainers.service.connection.ServiceConnection
 * &#64;ServiceConnection}-annotated {@link HiveMQContainer}.
 *
 * @author mqtt-spring-boot-starter
 */
class HiveMqContainerConnectionDetailsFactory
		extends ContainerConnectionDetailsFactory<HiveMQContainer, MqttConnectionDetails> {

	HiveMqContainerConnectionDetailsFactory() {
		super(ANY_CONNECTION_NAME, "org.testcontainers.hivemq.HiveMQContainer");
	}

	@Override
	protected MqttConnectionDetails getContainerConnectionDetails(ContainerConnectionSource<HiveMQContainer> source) {
		return new HiveMqContainerConnectionDetails(source);
	}

	static final class HiveMqContainerConnectionDetails extends ContainerConnectionDetails<HiveMQContainer>
			implements MqttConnectionDetails {

		private HiveMqContainerConnectionDetails(ContainerConnectionSource<HiveMQContainer> source) {
			super(source);
		}

		@Override
		public List<String> getServerUris() {
			HiveMQContainer container = getContainer();
			return List.of(MqttServerUris.tcp(container.getHost(), container.getMqttPort()));
		}

		@Override
		public SslBundle getSslBundle() {
			// from @Ssl/@PemKeyStore/@JksTrustStore... beside @ServiceConnection, else null
			return super.getSslBundle();
		}

	}

}
