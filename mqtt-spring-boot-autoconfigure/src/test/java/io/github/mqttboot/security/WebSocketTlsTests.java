package io.github.mqttboot.security;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.hivemq.embedded.EmbeddedHiveMQ;
import io.github.mqttboot.client.DriverPair;
import io.github.mqttboot.client.ManagedMqttClient;
import io.github.mqttboot.client.MqttTlsException;
import io.github.mqttboot.client.TestClients;
import io.github.mqttboot.testsupport.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code wss://} uses {@code mqtt.ssl.bundle} too (an embedded HiveMQ TLS WebSocket listener:
 * the installed Mosquitto cannot open WebSocket listeners): the right CA connects, an unknown CA
 * is refused with a typed error.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.github.mqttboot.client.DriverPair#pairs")
class WebSocketTlsTests {

	private static final String STORE_PASSWORD = "test-store";

	@TempDir
	static Path directory;

	static TestCertificates certificates;

	static EmbeddedHiveMQ broker;

	static int port;

	@Parameter
	DriverPair pair;

	@BeforeAll
	static void startBroker() throws Exception {
		certificates = TestCertificates.create(directory);
		Path keyStore = certificates.pkcs12(certificates.server(), STORE_PASSWORD);
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		Path conf = Files.createDirectories(directory.resolve("conf"));
		Files.writeString(conf.resolve("config.xml"), """
				<?xml version="1.0" encoding="UTF-8"?>
				<hivemq>
					<listeners>
						<tls-websocket-listener>
							<port>%d</port>
							<bind-address>127.0.0.1</bind-address>
							<path>/mqtt</path>
							<tls>
								<keystore>
									<path>%s</path>
									<password>%s</password>
									<private-key-password>%s</private-key-password>
								</keystore>
							</tls>
						</tls-websocket-listener>
					</listeners>
					<persistence><mode>in-memory</mode></persistence>
					<anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>
				</hivemq>
				""".formatted(port, keyStore, STORE_PASSWORD, STORE_PASSWORD));
		broker = EmbeddedHiveMQ.builder()
			.withConfigurationFolder(conf)
			.withDataFolder(Files.createDirectories(directory.resolve("data")))
			.withExtensionsFolder(Files.createDirectories(directory.resolve("extensions")))
			.withoutLoggingBootstrap()
			.build();
		broker.start().get(30, TimeUnit.SECONDS);
	}

	@AfterAll
	static void stopBroker() throws Exception {
		if (broker != null) {
			broker.stop().get(30, TimeUnit.SECONDS);
			broker.close();
		}
	}

	@Test
	void wssConnectsWithTheBundlesCa() {
		SecurityTestSupport.runner(this.pair)
			.withPropertyValues(SecurityTestSupport.pemBundle("broker", certificates.ca(), null, null))
			.withPropertyValues("mqtt.server-uris=wss://localhost:" + port + "/mqtt", "mqtt.ssl.bundle=broker")
			.run((context) -> {
				ManagedMqttClient client = context.getBean(ManagedMqttClient.class);
				await().atMost(TestClients.await()).until(client::isConnected);
				CompletableFuture<String> received = new CompletableFuture<>();
				client.subscribe("wss/#", 1,
						(message) -> received.complete(new String(message.payload(), StandardCharsets.UTF_8)))
					.get(5, TimeUnit.SECONDS);
				client.publish("wss/1", "over wss".getBytes(StandardCharsets.UTF_8), 1, false).get(5, TimeUnit.SECONDS);
				assertThat(received.get(5, TimeUnit.SECONDS)).isEqualTo("over wss");
			});
	}

	@Test
	void wssRefusesAnUnknownCaWithATypedError() {
		SecurityTestSupport.runner(this.pair)
			.withPropertyValues(SecurityTestSupport.pemBundle("broker", certificates.unknownCa(), null, null))
			.withPropertyValues("mqtt.server-uris=wss://localhost:" + port + "/mqtt", "mqtt.ssl.bundle=broker")
			.run((context) -> {
				ManagedMqttClient client = context.getBean(ManagedMqttClient.class);
				await().atMost(TestClients.await()).until(() -> client.getReconnectAttempts() >= 3);
				assertThat(client.isConnected()).isFalse();
				assertThat(client.getLastError()).isInstanceOf(MqttTlsException.class)
					.hasMessageContaining("is not trusted");
			});
	}

}
