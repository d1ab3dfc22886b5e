package io.github.mqttboot.autoconfigure;

import java.net.URI;
import java.time.Duration;

import io.github.mqttboot.client.ManagedMqttClient;
import io.github.mqttboot.client.MqttCredentials;
import io.github.mqttboot.client.MqttCredentialsProvider;
import io.github.mqttboot.client.driver.MqttDriver;
import io.github.mqttboot.client.driver.hivemq.HiveMqDriver;
import io.github.mqttboot.client.driver.paho.PahoV3Driver;
import io.github.mqttboot.client.driver.paho.PahoV5Driver;
import io.github.mqttboot.core.MqttTemplate;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class MqttAutoConfigurationTests {

	// nothing listens on port 1: these tests are about beans, not connections
	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MqttAutoConfiguration.class))
		.withPropertyValues("mqtt.server-uris=tcp://127.0.0.1:1");

	@Test
	void createsClientTemplateAndDriver() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(ManagedMqttClient.class)
				.hasSingleBean(MqttTemplate.class)
				.hasSingleBean(PahoV5Driver.class)
				.hasBean(MqttAutoConfiguration.CLIENT_BEAN_NAME);
			assertThat(context.getBean(ManagedMqttClient.class).getSettings().getServerUris())
				.containsExactly(URI.create("tcp://127.0.0.1:1"));
		});
	}

	@Test
	void disabledByProperty() {
		this.runner.withPropertyValues("mqtt.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ManagedMqttClient.class));
	}

	@Test
	void mapsProperties() {
		this.runner
			.withPropertyValues("mqtt.server-uris=tcp://a:1883,ssl://b:8883", "mqtt.client-id=me",
					"mqtt.username=user", "mqtt.keep-alive=5s", "mqtt.connection-timeout=250ms",
					"mqtt.reconnect.initial-delay=100ms", "mqtt.will.topic=status/me", "mqtt.will.payload=gone",
					"mqtt.publish.buffer.capacity=7", "mqtt.listener.ack-mode=on-receipt",
					"mqtt.reconnect.stable-after=3s", "mqtt.health.grace-period=45s")
			.run((context) -> {
				var settings = context.getBean(ManagedMqttClient.class).getSettings();
				assertThat(settings.getServerUris()).containsExactly(URI.create("tcp://a:1883"),
						URI.create("ssl://b:8883"));
				assertThat(settings.getClientId()).isEqualTo("me");
				assertThat(settings.getUsername()).isEqualTo("user");
				assertThat(settings.getKeepAlive()).isEqualTo(Duration.ofSeconds(5));
				assertThat(settings.getConnectionTimeout()).isEqualTo(Duration.ofMillis(250));
				assertThat(settings.getReconnectInitialDelay()).isEqualTo(Duration.ofMillis(100));
				assertThat(settings.getWill().topic()).isEqualTo("status/me");
				assertThat(settings.getBufferCapacity()).isEqualTo(7);
				assertThat(settings.isManualAcks()).isFalse();
				assertThat(settings.getReconnectStableAfter()).isEqualTo(Duration.ofSeconds(3));
				assertThat(settings.getGracePeriod()).isEqualTo(Duration.ofSeconds(45));
			});
	}

	@Test
	void generatesClientIdFromApplicationName() {
		this.runner.withPropertyValues("spring.application.name=sensor")
			.run((context) -> assertThat(context.getBean(ManagedMqttClient.class).getClientId())
				.matches("sensor-[0-9a-f]{8}"));
	}

	@Test
	void defaultsToLocalhost() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(MqttAutoConfiguration.class))
			.run((context) -> assertThat(context.getBean(ManagedMqttClient.class).getSettings().getServerUris())
				.containsExactly(URI.create("tcp://localhost:1883")));
	}

	@Test
	void backsOffForUserClient() {
		this.runner.withUserConfiguration(UserClientConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(ManagedMqttClient.class).hasBean("myClient");
			assertThat(context.getBean(MqttTemplate.class).getClient()).isSameAs(context.getBean("myClient"));
		});
	}

	@Test
	void backsOffForUserConnectionDetails() {
		this.runner.withBean(MqttConnectionDetails.class, () -> () -> java.util.List.of("tcp://details:1884"))
			.run((context) -> assertThat(context.getBean(ManagedMqttClient.class).getSettings().getServerUris())
				.containsExactly(URI.create("tcp://details:1884")));
	}

	@Test
	void credentialsProviderDefaultsToTheUsernameAndPasswordProperties() {
		this.runner.withPropertyValues("mqtt.username=device", "mqtt.password=secret").run((context) -> {
			MqttCredentialsProvider provider = context.getBean(MqttCredentialsProvider.class);
			assertThat(provider.getCredentials("mqttClient", URI.create("tcp://127.0.0.1:1")))
				.isEqualTo(new MqttCredentials("device", "secret"));
			assertThat(context.getBean(ManagedMqttClient.class).getSettings().getCredentialsProvider()).isSameAs(provider);
		});
	}

	@Test
	void credentialsProviderBacksOffForAUserBean() {
		MqttCredentialsProvider token = (clientName, serverUri) -> new MqttCredentials("device", "token");
		this.runner.withPropertyValues("mqtt.username=device", "mqtt.password=secret")
			.withBean(MqttCredentialsProvider.class, () -> token)
			.run((context) -> {
				assertThat(context).hasSingleBean(MqttCredentialsProvider.class);
				assertThat(context.getBean(ManagedMqttClient.class).getSettings().getCredentialsProvider()).isSameAs(token);
			});
	}

	@Test
	void virtualThreadsFollowSpringThreadsVirtualEnabledOnJava21AndLater() {
		this.runner.withPropertyValues("spring.threads.virtual.enabled=true")
			.run((context) -> assertThat(context.getBean(ManagedMqttClient.class).getSettings().isVirtualThreads())
				.isEqualTo(Runtime.version().feature() >= 21));
		this.runner.run((context) -> assertThat(context.getBean(ManagedMqttClient.class).getSettings().isVirtualThreads())
			.isFalse());
	}

	@Test
	void appliesConnectionOptionsCustomizers() {
		this.runner.withBean(PahoV5ConnectionOptionsCustomizer.class, () -> (options) -> options.setMaxReconnectDelay(7))
			.run((context) -> {
				PahoV5Driver driver = context.getBean(PahoV5Driver.class);
				assertThat(driver).isNotNull();
				assertThat(context.getBeanProvider(PahoV5ConnectionOptionsCustomizer.class).stream()).hasSize(1);
			});
	}

	@Test
	void protocolVersion3SelectsPahosMqtt311Driver() {
		this.runner.withPropertyValues("mqtt.protocol-version=3").run((context) -> {
			assertThat(context).hasSingleBean(PahoV3Driver.class);
			assertThat(context.getBean(ManagedMqttClient.class).getSettings().getProtocolVersion()).isEqualTo(3);
		});
	}

	@Test
	void mqtt5CustomizerWithProtocolVersion3FailsStartup() {
		this.runner.withPropertyValues("mqtt.protocol-version=3")
			.withBean(PahoV5ConnectionOptionsCustomizer.class, () -> (options) -> options.setMaxReconnectDelay(7))
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidMqttPropertyException.class)
				.hasMessageContaining("mqtt.protocol-version")
				.hasMessageContaining("PahoV3ConnectOptionsCustomizer"));
	}

	@Test
	void driverHivemqSelectsTheHiveMqDriverForEitherProtocol() {
		this.runner.withPropertyValues("mqtt.driver=hivemq")
			.run((context) -> assertThat(context).hasSingleBean(HiveMqDriver.class));
		this.runner.withPropertyValues("mqtt.driver=hivemq", "mqtt.protocol-version=3")
			.run((context) -> assertThat(context).hasSingleBean(HiveMqDriver.class));
	}

	@Test
	void thePahoDriverNeedsNoHiveMqLibrary() {
		this.runner.withClassLoader(new FilteredClassLoader("com.hivemq.client"))
			.withBean(PahoV5ConnectionOptionsCustomizer.class, () -> (options) -> options.setMaxReconnectDelay(7))
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(PahoV5Driver.class));
	}

	@Test
	void driverHivemqWithoutTheLibraryFailsNamingThePropertyAndTheDependency() {
		this.runner.withPropertyValues("mqtt.driver=hivemq")
			.withClassLoader(new FilteredClassLoader("com.hivemq.client"))
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidMqttPropertyException.class)
				.hasMessageContaining("'mqtt.driver'")
				.hasMessageContaining("com.hivemq:hivemq-mqtt-client"));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserClientConfiguration {

		@Bean
		ManagedMqttClient myClient(MqttDriver driver) {
			return new ManagedMqttClient("myClient", new io.github.mqttboot.client.MqttClientSettings(), driver);
		}

	}

}
