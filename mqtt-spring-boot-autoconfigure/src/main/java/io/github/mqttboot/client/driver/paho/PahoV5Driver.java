package io.github.mqttboot.client.driver.paho;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;

import io.github.mqttboot.client.driver.ConnectRequest;
import io.github.mqttboot.client.driver.DriverConnection;
import io.github.mqttboot.client.driver.DriverListener;
import io.github.mqttboot.client.MqttClientSettings;
import io.github.mqttboot.client.driver.MqttDriver;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttMessage;

import org.springframework.boot.ssl.SslBundle;

/**
 * {@link MqttDriver} over Eclipse Paho's MQTT 5 client. Each attempt gets a new Paho client and
 * its own executor, so that a failed attempt can be released whole.
 *
 * @author mqtt-spring-boot-starter
 */
public class PahoV5Driver implements MqttDriver {

	private final Consumer<MqttConnectionOptions> optionsCustomizer;

	/**
	 * Creates a driver.
	 * @param optionsCustomizer applied to Paho's connection options last, for what the
	 * properties do not cover
	 */
	public PahoV5Driver(Consumer<MqttConnectionOptions> optionsCustomizer) {
		this.optionsCustomizer = optionsCustomizer;
	}

	public PahoV5Driver() {
		this((options) -> {
		});
	}

	@Override
	public DriverConnection connect(ConnectRequest request, DriverListener listener) {
		MqttConnectionOptions options = connectionOptions(request.serverUri(), request.settings());
		this.optionsCustomizer.accept(options);
		// whatever a customizer says, the supervisor owns reconnection
		options.setAutomaticReconnect(false);
		return PahoV5Connection.open(request, options, listener);
	}

	@Override
	public String threadRole() {
		return PahoV5Connection.THREAD_ROLE;
	}

	@Override
	public int threadsPerConnection() {
		return PahoV5Connection.PAHO_THREADS;
	}

	MqttConnectionOptions connectionOptions(URI serverUri, MqttClientSettings settings) {
		MqttConnectionOptions options = new MqttConnectionOptions();
		options.setServerURIs(new String[] { serverUri.toString() });
		options.setAutomaticReconnect(false);
		options.setCleanStart(settings.isCleanStart());
		long expiry = settings.getSessionExpiry().toSeconds();
		options.setSessionExpiryInterval((expiry > 0) ? expiry : null);
		options.setKeepAliveInterval((int) settings.getKeepAlive().toSeconds());
		// Paho's own timeout bounds the TCP connect; our own deadline bounds CONNACK
		options.setConnectionTimeout((int) Math.max(1, ceilSeconds(settings.getConnectionTimeout().toMillis())));
		if (settings.getUsername() != null) {
			options.setUserName(settings.getUsername());
		}
		if (settings.getPassword() != null) {
			options.setPassword(settings.getPassword().getBytes(StandardCharsets.UTF_8));
		}
		MqttClientSettings.WillMessage will = settings.getWill();
		if (will != null) {
			MqttMessage message = new MqttMessage(will.payload(), will.qos(), will.retained(), null);
			options.setWill(will.topic(), message);
		}
		options.setReceiveMaximum(settings.getReceiveMaximum());
		options.setSocketFactory(socketFactory(serverUri, settings));
		options.setHttpsHostnameVerificationEnabled(settings.isVerifyHostname());
		return options;
	}

	static SocketFactory socketFactory(URI serverUri, MqttClientSettings settings) {
		String scheme = serverUri.getScheme();
		long gateCap = settings.getConnectionTimeout().toMillis() + 1000;
		SslBundle bundle = settings.getSslBundle();
		return switch (scheme) {
			case "tcp" -> new GatedSocketFactory(gateCap);
			case "ssl" -> new GatedSslSocketFactory(tlsSocketFactory(bundle),
					(bundle != null) ? bundle.getOptions().getEnabledProtocols() : null,
					(bundle != null) ? bundle.getOptions().getCiphers() : null, gateCap);
			// Paho's WebSocket modules read the HTTP upgrade before CONNECT: they cannot be gated
			case "wss" -> tlsSocketFactory(bundle);
			default -> SocketFactory.getDefault();
		};
	}

	private static SSLSocketFactory tlsSocketFactory(SslBundle bundle) {
		return (bundle != null) ? bundle.createSslContext().getSocketFactory()
				: (SSLSocketFactory) SSLSocketFactory.getDefault();
	}

	static long ceilSeconds(long millis) {
		return (millis + 999) / 1000;
	}

}
