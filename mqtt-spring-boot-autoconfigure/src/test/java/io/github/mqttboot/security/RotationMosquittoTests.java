package io.github.mqttboot.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import io.github.mqttboot.client.DriverPair;
import io.github.mqttboot.client.ManagedMqttClient;
import io.github.mqttboot.client.MqttCredentials;
import io.github.mqttboot.client.MqttCredentialsProvider;
import io.github.mqttboot.client.MqttNotAuthorizedException;
import io.github.mqttboot.client.MqttTlsException;
import io.github.mqttboot.client.TestClients;
import io.github.mqttboot.testsupport.FaultProxy;
import io.github.mqttboot.testsupport.MosquittoBroker;
import io.github.mqttboot.testsupport.TestCertificates;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Credentials and certificates that change while the application runs: a password rotated in
 * Mosquitto's password file reaches the broker through the {@link MqttCredentialsProvider} at
 * the next connect, and a certificate replaced under an SSL bundle that Boot reloads
 * ({@code reload-on-update}) is used from the next connect on, without a restart.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.github.mqttboot.client.DriverPair#pairs")
@ExtendWith(OutputCaptureExtension.class)
class RotationMosquittoTests {

	private static final String OLD_PASSWORD = "Pa55-before-3b1d";

	private static final String NEW_PASSWORD = "Pa55-after-77e0";

	@TempDir
	static Path certificatesDirectory;

	static TestCertificates certificates;

	@TempDir
	Path bundleFiles;

	@Parameter
	DriverPair pair;

	@BeforeAll
	static void certificates() {
		if (MosquittoBroker.isAvailable()) {
			certificates = TestCertificates.create(certificatesDirectory);
		}
	}

	@BeforeEach
	void mosquittoAvailable() {
		// each test is skipped on its own, so that each is counted
		MosquittoBroker.assumeAvailable("its password file and TLS listeners");
	}

	@Test
	void aPasswordRotatedInThePasswordFileIsSentByTheProviderAtTheNextConnect(CapturedOutput output)
			throws Exception {
		AtomicReference<String> vault = new AtomicReference<>(OLD_PASSWORD);
		List<String> sent = new CopyOnWriteArrayList<>();
		MqttCredentialsProvider provider = (clientName, serverUri) -> {
			String password = vault.get();
			sent.add(password);
			return new MqttCredentials("device", password);
		};
		try (MosquittoBroker broker = MosquittoBroker.create().user("device", OLD_PASSWORD).start();
				FaultProxy proxy = FaultProxy.to(broker.port())) {
			SecurityTestSupport.runner(this.pair)
				.withBean(MqttCredentialsProvider.class, () -> provider)
				.withPropertyValues("mqtt.server-uris=" + proxy.uri())
				.run((context) -> {
					ManagedMqttClient client = context.getBean(ManagedMqttClient.class);
					await().atMost(TestClients.await()).until(client::isConnected);
					// rotated at the broker: the open connection stays, the next connect needs it
					broker.changePassword("device", NEW_PASSWORD);
					proxy.resetEstablished();
					await().atMost(TestClients.await())
						.until(() -> client.getLastError() instanceof MqttNotAuthorizedException
								&& client.getReconnectAttempts() >= 2);
					vault.set(NEW_PASSWORD);
					await().atMost(TestClients.await()).until(client::isConnected);
					assertThat(sent).startsWith(OLD_PASSWORD, OLD_PASSWORD).endsWith(NEW_PASSWORD);
					assertThat(sent).as("asked once per attempt").hasSize((int) connects(context));
				});
		}
		assertThat(output).doesNotContain(NEW_PASSWORD);
	}

	@Test
	void aRenewedClientCertificateIsUsedFromTheNextConnectAfterTheBundleReloads(CapturedOutput output)
			throws Exception {
		Path clientCertificate = copy(certificates.expiredClient(), "client.crt");
		Path clientKey = copy(certificates.key(certificates.client()), "client.key");
		try (MosquittoBroker broker = tlsBroker(certificates.server(), true)) {
			rotatingBundle(certificates.ca(), clientCertificate, clientKey)
				.withPropertyValues("mqtt.server-uris=" + broker.tlsUri("localhost"))
				.run((context) -> {
					ManagedMqttClient client = context.getBean(ManagedMqttClient.class);
					await().atMost(TestClients.await())
						.until(() -> client.getLastError() instanceof MqttTlsException
								&& client.getReconnectAttempts() >= 2);
					// renewed in place: the same key, a certificate that is valid
					copy(certificates.client(), "client.crt");
					await().atMost(TestClients.await()).until(client::isConnected);
					assertThat(output).contains("SSL bundle 'rotating' was reloaded");
				});
		}
	}

	@Test
	void aBrokerCertificateOfANewCaIsTrustedFromTheNextConnectAfterTheBundleReloads(CapturedOutput output)
			throws Exception {
		Path trusted = copy(certificates.ca(), "trusted.crt");
		Path serverCertificate = copy(certificates.server(), "server.crt");
		Path serverKey = copy(certificates.key(certificates.server()), "server.key");
		try (MosquittoBroker broker = MosquittoBroker.create()
			.tls(certificates.ca(), serverCertificate, serverKey, false)
			.start()) {
			rotatingBundle(trusted, null, null).withPropertyValues("mqtt.server-uris=" + broker.tlsUri("localhost"))
				.run((context) -> {
					ManagedMqttClient client = context.getBean(ManagedMqttClient.class);
					await().atMost(TestClients.await()).until(client::isConnected);
					// the broker moves to a certificate of another CA, which the client does not trust yet
					copy(certificates.unknownCaServer(), "server.crt");
					copy(certificates.key(certificates.unknownCaServer()), "server.key");
					broker.restart();
					await().atMost(TestClients.await())
						.until(() -> client.getLastError() instanceof MqttTlsException
								&& client.getReconnectAttempts() >= 2);
					assertThat(client.getLastError()).hasMessageContaining("is not trusted");
					copy(certificates.unknownCa(), "trusted.crt");
					await().atMost(TestClients.await()).until(client::isConnected);
					assertThat(output).contains("SSL bundle 'rotating' was reloaded");
				});
		}
	}

	private MosquittoBroker tlsBroker(Path serverCertificate, boolean requireCertificate) {
		return MosquittoBroker.create()
			.tls(certificates.ca(), serverCertificate, certificates.key(serverCertificate), requireCertificate)
			.start();
	}

	/** A PEM bundle named {@code rotating} over files of the test's own, reloaded when they change. */
	private ApplicationContextRunner rotatingBundle(Path trustedCa, Path certificate, Path privateKey) {
		return SecurityTestSupport.runner(this.pair)
			.withPropertyValues(SecurityTestSupport.pemBundle("rotating", trustedCa, certificate, privateKey))
			.withPropertyValues("spring.ssl.bundle.pem.rotating.reload-on-update=true",
					"spring.ssl.bundle.watch.file.quiet-period=100ms", "mqtt.ssl.bundle=rotating");
	}

	/** Copies a file over one of the bundle's, atomically, as a certificate renewal would. */
	private Path copy(Path source, String name) throws IOException {
		Path target = this.bundleFiles.resolve(name);
		Path written = Files.copy(source, this.bundleFiles.resolve(name + ".new"), StandardCopyOption.REPLACE_EXISTING);
		return Files.move(written, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

	private static double connects(org.springframework.context.ApplicationContext context) {
		MeterRegistry meters = context.getBean(MeterRegistry.class);
		return meters.get("mqtt.client.connects").counters().stream().mapToDouble((counter) -> counter.count()).sum();
	}

}
