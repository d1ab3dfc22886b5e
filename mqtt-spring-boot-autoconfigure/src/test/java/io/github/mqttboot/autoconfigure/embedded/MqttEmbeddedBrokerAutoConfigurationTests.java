package io.github.mqttboot.autoconfigure.embedded;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;

import io.github.mqttboot.autoconfigure.MqttAutoConfiguration;
import io.github.mqttboot.autoconfigure.MqttConnectionDetails;
import io.github.mqttboot.client.ManagedMqttClient;
import io.github.mqttboot.client.TestClients;
import io.github.mqttboot.embedded.EmbeddedBrokerPortInUseException;
import io.github.mqttboot.embedded.EmbeddedMqttBroker;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class MqttEmbeddedBrokerAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(MqttEmbeddedBrokerAutoConfiguration.class, MqttAutoConfiguration.class));

	@Test
	void startsTheBrokerBeforeTheClientWhenNoServerUriIsSet() {
		this.runner.withPropertyValues("mqtt.embedded.port=0").run((context) -> {
			EmbeddedMqttBroker broker = context.getBean(EmbeddedMqttBroker.class);
			assertThat(broker.isRunning()).isTrue();
			assertThat(context.getBean(MqttConnectionDetails.class).getServerUris())
				.containsExactly(broker.getServerUri());
			ManagedMqttClient client = context.getBean(ManagedMqttClient.class);
			await().atMost(TestClients.await()).until(client::isConnected);
		});
	}

	@Test
	void backsOffWhenServerUrisAreSet() {
		this.runner.withPropertyValues("mqtt.server-uris=tcp://127.0.0.1:1")
			.run((context) -> assertThat(context).doesNotHaveBean(EmbeddedMqttBroker.class));
	}

	@Test
	void backsOffWhenConnectionDetailsComeFromElsewhere() {
		MqttConnectionDetails serviceConnection = () -> List.of("tcp://127.0.0.1:32801");
		this.runner.withBean(MqttConnectionDetails.class, () -> serviceConnection).run((context) -> {
			assertThat(context).doesNotHaveBean(EmbeddedMqttBroker.class);
			assertThat(context.getBean(MqttConnectionDetails.class)).isSameAs(serviceConnection);
		});
	}

	@Test
	void backsOffWithoutHiveMq() {
		this.runner.withClassLoader(new FilteredClassLoader("com.hivemq.embedded"))
			.run((context) -> assertThat(context).doesNotHaveBean(EmbeddedMqttBroker.class));
	}

	@Test
	void portInUseFailsStartupSayingWhatToDo() throws Exception {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			int port = taken.getLocalPort();
			this.runner.withPropertyValues("mqtt.embedded.port=" + port).run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new EmbeddedBrokerPortInUseFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(context.getStartupFailure()).hasRootCauseInstanceOf(EmbeddedBrokerPortInUseException.class);
				assertThat(analysis.getDescription()).contains("port " + port);
				assertThat(analysis.getAction()).contains("mqtt.server-uris=tcp://localhost:" + port)
					.contains("mqtt.embedded.port");
			});
		}
	}

	@Test
	void pointsBootsLoggingAwayFromTheLogbackXmlInsideHiveMq() {
		MockEnvironment environment = new MockEnvironment();
		SpringApplication application = new SpringApplication();
		application.setResourceLoader(new org.springframework.core.io.DefaultResourceLoader(
				new FilteredClassLoader(new org.springframework.core.io.ClassPathResource("logback-test.xml"))));
		new EmbeddedBrokerLoggingEnvironmentPostProcessor().postProcessEnvironment(environment, application);
		assertThat(environment.getProperty("logging.config"))
			.isEqualTo(EmbeddedBrokerLoggingEnvironmentPostProcessor.BOOT_DEFAULTS);
		MockEnvironment configured = new MockEnvironment().withProperty("logging.config", "classpath:mine.xml");
		new EmbeddedBrokerLoggingEnvironmentPostProcessor().postProcessEnvironment(configured, application);
		assertThat(configured.getProperty("logging.config")).isEqualTo("classpath:mine.xml");
	}

}
