package io.github.mqttboot.client.driver.paho;

import java.net.Socket;
import java.net.URI;

import javax.net.ssl.SSLSocket;

import io.github.mqttboot.client.MqttClientSettings;
import io.github.mqttboot.client.MqttCredentials;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.junit.jupiter.api.Test;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.boot.ssl.SslStoreBundle;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Paho options an SSL bundle and {@code mqtt.ssl.verify-hostname} produce.
 */
class PahoV5DriverTlsTests {

	private final PahoV5Driver driver = new PahoV5Driver();

	@Test
	void sslUsesAGatedSocketWithTheBundlesProtocolsAndCiphers() throws Exception {
		MqttClientSettings settings = new MqttClientSettings();
		settings.setSslBundle(SslBundle.of(SslStoreBundle.NONE, null,
				SslOptions.of(new String[] { "TLS_AES_128_GCM_SHA256" }, new String[] { "TLSv1.3" })));
		MqttConnectionOptions options = this.driver.connectionOptions(URI.create("ssl://localhost:8883"), settings, MqttCredentials.NONE);
		assertThat(options.getSocketFactory()).isInstanceOf(GatedSslSocketFactory.class);
		assertThat(options.isHttpsHostnameVerificationEnabled()).isTrue();
		try (Socket socket = options.getSocketFactory().createSocket()) {
			assertThat(socket).isInstanceOf(SSLSocket.class);
			assertThat(((SSLSocket) socket).getEnabledProtocols()).containsExactly("TLSv1.3");
			assertThat(((SSLSocket) socket).getEnabledCipherSuites()).containsExactly("TLS_AES_128_GCM_SHA256");
		}
	}

	@Test
	void hostnameVerificationCanBeSwitchedOff() {
		MqttClientSettings settings = new MqttClientSettings();
		settings.setVerifyHostname(false);
		assertThat(this.driver.connectionOptions(URI.create("ssl://localhost:8883"), settings, MqttCredentials.NONE)
			.isHttpsHostnameVerificationEnabled()).isFalse();
	}

	@Test
	void tcpNeedsNoTlsAndWssIsNotGated() {
		MqttClientSettings settings = new MqttClientSettings();
		assertThat(this.driver.connectionOptions(URI.create("tcp://localhost:1883"), settings, MqttCredentials.NONE).getSocketFactory())
			.isInstanceOf(GatedSocketFactory.class);
		assertThat(this.driver.connectionOptions(URI.create("wss://localhost:8884"), settings, MqttCredentials.NONE).getSocketFactory())
			.isInstanceOf(javax.net.ssl.SSLSocketFactory.class)
			.isNotInstanceOf(GatedSslSocketFactory.class);
	}

}
