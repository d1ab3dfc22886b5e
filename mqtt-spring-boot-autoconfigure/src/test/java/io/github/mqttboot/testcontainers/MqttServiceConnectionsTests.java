package io.github.mqttboot.testcontainers;

import java.util.List;
import java.util.Map;

import io.github.mqttboot.autoconfigure.MqttConnectionDetails;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.Container;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.hivemq.HiveMQContainer;
import org.testcontainers.utility.DockerImageName;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetailsFactories;
import org.springframework.boot.docker.compose.core.ConnectionPorts;
import org.springframework.boot.docker.compose.core.ImageReference;
import org.springframework.boot.docker.compose.core.RunningService;
import org.springframework.boot.docker.compose.service.connection.TestDockerComposeConnectionSources;
import org.springframework.boot.testcontainers.service.connection.TestContainerConnectionSources;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service-connection factories, found through {@code spring.factories} as Boot finds them,
 * map containers and Compose services to {@link MqttConnectionDetails}; no Docker needed:
 * the containers are never started and report a host and mapped port of our choosing.
 */
class MqttServiceConnectionsTests {

	private final ConnectionDetailsFactories factories = new ConnectionDetailsFactories(getClass().getClassLoader());

	@Test
	void hiveMqContainerMapsToItsMappedMqttPort() throws Exception {
		HiveMQContainer container = new HiveMQContainer(DockerImageName.parse("hivemq/hivemq-ce:2025.5")) {
			@Override
			public String getHost() {
				return "docker-host";
			}

			@Override
			public Integer getMappedPort(int originalPort) {
				return (originalPort == 1883) ? 32801 : -1;
			}

			@Override
			public void start() {
			}
		};
		MqttConnectionDetails details = containerDetails(HiveMQContainer.class, "hivemq/hivemq-ce:2025.5", container);
		assertThat(details.getServerUris()).containsExactly("tcp://docker-host:32801");
		assertThat(details.getUsername()).isNull();
		assertThat(details.getSslBundle()).isNull();
	}

	@Test
	@SuppressWarnings({ "rawtypes", "unchecked" })
	void mosquittoGenericContainerMapsToItsMappedPort1883() throws Exception {
		GenericContainer<?> container = new FixedGenericContainer("eclipse-mosquitto:2.0.22", "127.0.0.1", 32802);
		MqttConnectionDetails details = containerDetails((Class) GenericContainer.class, "eclipse-mosquitto:2.0.22",
				container);
		assertThat(details.getServerUris()).containsExactly("tcp://127.0.0.1:32802");
	}

	@Test
	@SuppressWarnings({ "rawtypes", "unchecked" })
	void genericContainerOfAnotherImageIsNotAnMqttBroker() {
		GenericContainer<?> container = new FixedGenericContainer("redis:7", "127.0.0.1", 32803);
		Map<Class<?>, ConnectionDetails> details = this.factories.getConnectionDetails(
				TestContainerConnectionSources.of((Class) GenericContainer.class, "redis:7", () -> container), false);
		assertThat(details).doesNotContainKey(MqttConnectionDetails.class);
	}

	@Test
	void mosquittoComposeServiceMapsToItsPublishedPort() {
		MqttConnectionDetails details = composeDetails(new Service("eclipse-mosquitto:2.0.22", "127.0.0.1", 41883));
		assertThat(details.getServerUris()).containsExactly("tcp://127.0.0.1:41883");
	}

	@Test
	void hiveMqComposeServiceMapsToItsPublishedPort() {
		MqttConnectionDetails details = composeDetails(new Service("hivemq/hivemq-ce:latest", "::1", 41884));
		assertThat(details.getServerUris()).containsExactly("tcp://[::1]:41884");
	}

	@Test
	void composeServiceOfAnotherImageIsNotAnMqttBroker() {
		Map<Class<?>, ConnectionDetails> details = this.factories
			.getConnectionDetails(TestDockerComposeConnectionSources.of(new Service("redis:7", "127.0.0.1", 6379)), false);
		assertThat(details).doesNotContainKey(MqttConnectionDetails.class);
	}

	private <C extends Container<?>> MqttConnectionDetails containerDetails(Class<C> type, String image, C container)
			throws Exception {
		Map<Class<?>, ConnectionDetails> all = this.factories
			.getConnectionDetails(TestContainerConnectionSources.of(type, image, () -> container), true);
		ConnectionDetails details = all.get(MqttConnectionDetails.class);
		assertThat(details).as("connection details of " + image).isInstanceOf(MqttConnectionDetails.class);
		// Boot initialises the details bean, which fetches the container from the source
		((InitializingBean) details).afterPropertiesSet();
		return (MqttConnectionDetails) details;
	}

	private MqttConnectionDetails composeDetails(RunningService service) {
		ConnectionDetails details = this.factories
			.getConnectionDetails(TestDockerComposeConnectionSources.of(service), true)
			.get(MqttConnectionDetails.class);
		assertThat(details).as("connection details of " + service.image()).isInstanceOf(MqttConnectionDetails.class);
		return (MqttConnectionDetails) details;
	}

	/** A container that is never started, published on a port of the test's choosing. */
	private static final class FixedGenericContainer extends GenericContainer<FixedGenericContainer> {

		private final String host;

		private final int port;

		FixedGenericContainer(String image, String host, int port) {
			super(DockerImageName.parse(image));
			this.host = host;
			this.port = port;
		}

		@Override
		public String getHost() {
			return this.host;
		}

		@Override
		public Integer getMappedPort(int originalPort) {
			return (originalPort == 1883) ? this.port : -1;
		}

		@Override
		public void start() {
		}

	}

	/** A running Compose service publishing container port 1883 on the given host port. */
	private record Service(String imageName, String host, int port) implements RunningService {

		@Override
		public String name() {
			return "broker";
		}

		@Override
		public ImageReference image() {
			return ImageReference.of(this.imageName);
		}

		@Override
		public ConnectionPorts ports() {
			return new ConnectionPorts() {
				@Override
				public int get(int containerPort) {
					if (containerPort != 1883) {
						throw new IllegalArgumentException("No host port for " + containerPort);
					}
					return Service.this.port;
				}

				@Override
				public List<Integer> getAll() {
					return List.of(Service.this.port);
				}

				@Override
				public List<Integer> getAll(String protocol) {
					return getAll();
				}
			};
		}

		@Override
		public Map<String, String> env() {
			return Map.of();
		}

		@Override
		public Map<String, String> labels() {
			return Map.of();
		}

	}

}
