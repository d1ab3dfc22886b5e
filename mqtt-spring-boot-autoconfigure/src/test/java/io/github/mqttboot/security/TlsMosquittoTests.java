package io.github.mqttboot.security;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.mqttboot.client.DriverPair;
import io.github.mqttboot.client.ManagedMqttClient;
import io.github.mqttboot.client.MqttTlsException;
import io.github.mqttboot.client.TestClients;
import io.github.mqttboot.leak.LeakCheck;
import io.github.mqttboot.testsupport.MosquittoBroker;
import io.github.mqttboot.testsupport.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * TLS through {@code mqtt.ssl.bundle} against Mosquitto TLS listeners, with certificates made at
 * test time: what connects, and what is refused with a typed error, leaving no thread behind.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.github.mqttboot.client.DriverPair#pairs")
@ExtendWith(OutputCaptureExtension.class)
class TlsMosquittoTests {

	/**
	 * Failed attempts each refusal scenario makes before it stops and checks for leaks: fewer
	 * for the pairs other than the default, to keep the suite short.
	 */
	private static final int ATTEMPTS = 10;

	private static final int ATTEMPTS_OTHER_PAIRS = 3;

	@TempDir
	static Path directory;

	static TestCertificates certificates;

	/** Server-authenticated TLS, certificate for localhost. */
	static MosquittoBroker serverTls;

	/** Mutual TLS: a client certificate of the CA is required. */
	static MosquittoBroker mutualTls;

	/** A certificate of the right CA for another host. */
	static MosquittoBroker otherHost;

	@Parameter
	DriverPair pair;

	@BeforeAll
	static void brokers() {
		if (!MosquittoBroker.isAvailable()) {
			return;
		}
		certificates = TestCertificates.create(directory);
		serverTls = tlsBroker(certificates.server(), false);
		mutualTls = tlsBroker(certificates.server(), true);
		otherHost = tlsBroker(certificates.otherHostServer(), false);
	}

	private static MosquittoBroker tlsBroker(Path serverCertificate, boolean requireCertificate) {
		return MosquittoBroker.create()
			.tls(certificates.ca(), serverCertificate, certificates.key(serverCertificate), requireCertificate)
			.start();
	}

	@BeforeEach
	void mosquittoAvailable() {
		// each test is skipped on its own, so that each is counted
		MosquittoBroker.assumeAvailable("its TLS listener");
	}

	@AfterAll
	static void stopBrokers() {
		for (MosquittoBroker broker : new MosquittoBroker[] { serverTls, mutualTls, otherHost }) {
			if (broker != null) {
				broker.close();
			}
		}
	}

	@Test
	void serverAuthenticatedTlsConnectsAndCarriesMessages() {
		SecurityTestSupport.runner(this.pair)
			.withPropertyValues(SecurityTestSupport.pemBundle("broker", certificates.ca(), null, null))
			.withPropertyValues("mqtt.server-uris=" + serverTls.tlsUri("localhost"), "mqtt.ssl.bundle=broker")
			.run((context) -> assertRoundTrip(context.getBean(ManagedMqttClient.class)));
	}

	@Test
	void mutualTlsConnectsWithTheClientCertificate() {
		SecurityTestSupport.runner(this.pair)
			.withPropertyValues(SecurityTestSupport.pemBundle("mutual", certificates.ca(), certificates.client(),
					certificates.key(certificates.client())))
			.withPropertyValues("mqtt.server-uris=" + mutualTls.tlsUri("localhost"), "mqtt.ssl.bundle=mutual")
			.run((context) -> assertRoundTrip(context.getBean(ManagedMqttClient.class)));
	}

	@Test
	void brokerOfAnUnknownCaIsRefused(CapturedOutput output) {
		assertRefused("tls-unknown-ca", serverTls, certificates.unknownCa(), null, "is not trusted", output);
	}

	@Test
	void certificateForAnotherHostIsRefused(CapturedOutput output) {
		assertRefused("tls-wrong-hostname", otherHost, certificates.ca(), null,
				"does not match the host name 'localhost'", output);
	}

	@Test
	void expiredClientCertificateIsRefusedByTheBroker(CapturedOutput output) {
		assertRefused("tls-expired-client-certificate", mutualTls, certificates.ca(), certificates.expiredClient(),
				"refused the handshake", output);
	}

	@Test
	void missingClientCertificateIsRefusedByTheBroker(CapturedOutput output) {
		assertRefused("tls-no-client-certificate", mutualTls, certificates.ca(), null, "refused the handshake",
				output);
	}

	@Test
	void hostnameVerificationSwitchedOffConnectsToAnotherHostsCertificateWithAWarning(CapturedOutput output) {
		SecurityTestSupport.runner(this.pair)
			.withPropertyValues(SecurityTestSupport.pemBundle("broker", certificates.ca(), null, null))
			.withPropertyValues("mqtt.server-uris=" + otherHost.tlsUri("localhost"), "mqtt.ssl.bundle=broker",
					"mqtt.ssl.verify-hostname=false")
			.run((context) -> {
				assertRoundTrip(context.getBean(ManagedMqttClient.class));
				assertThat(output).contains("WARN").contains("mqtt.ssl.verify-hostname=false");
			});
	}

	private void assertRefused(String scenario, MosquittoBroker broker, Path trustedCa, Path clientCertificate,
			String reason, CapturedOutput output) {
		LeakCheck leaks = new LeakCheck(scenario);
		Path key = (clientCertificate != null) ? certificates.key(clientCertificate) : null;
		SecurityTestSupport.runner(this.pair)
			.withPropertyValues(SecurityTestSupport.pemBundle("broker", trustedCa, clientCertificate, key))
			.withPropertyValues("mqtt.server-uris=" + broker.tlsUri("localhost"), "mqtt.ssl.bundle=broker",
					"mqtt.health.grace-period=0s")
			.run((context) -> {
				try (leaks) {
					ManagedMqttClient client = leaks.watch(context.getBean(ManagedMqttClient.class));
					int attempts = this.pair.isDefault() ? ATTEMPTS : ATTEMPTS_OTHER_PAIRS;
					await().atMost(TestClients.await()).until(() -> leaks.failures.get() >= attempts);
					assertThat(client.isConnected()).isFalse();
					assertThat(leaks.successes).hasValue(0);
					assertThat(client.getLastError()).isInstanceOf(MqttTlsException.class)
						.hasMessageContaining(broker.tlsUri("localhost"))
						.hasMessageContaining(reason);
					assertThat(output).contains("WARN").contains(MqttTlsException.class.getSimpleName() + ": ");
					leaks.assertReleasedAfterStop(leaks.failures.get());
				}
			});
	}

	private static void assertRoundTrip(ManagedMqttClient client) throws Exception {
		await().atMost(TestClients.await()).until(client::isConnected);
		CompletableFuture<String> received = new CompletableFuture<>();
		client.subscribe("tls/#", 1, (message) -> received.complete(new String(message.payload(), StandardCharsets.UTF_8)))
			.get(5, TimeUnit.SECONDS);
		client.publish("tls/1", "over TLS".getBytes(StandardCharsets.UTF_8), 1, false).get(5, TimeUnit.SECONDS);
		assertThat(received.get(5, TimeUnit.SECONDS)).isEqualTo("over TLS");
	}

}
