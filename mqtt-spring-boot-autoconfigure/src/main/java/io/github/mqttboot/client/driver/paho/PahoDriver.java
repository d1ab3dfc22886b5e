package io.github.mqttboot.client.driver.paho;

import java.net.URI;
import java.util.function.Consumer;

import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;

import io.github.mqttboot.client.MqttClientSettings;
import io.github.mqttboot.client.MqttCredentials;
import io.github.mqttboot.client.driver.ConnectRequest;
import io.github.mqttboot.client.driver.DriverConnection;
import io.github.mqttboot.client.driver.DriverListener;
import io.github.mqttboot.client.driver.MqttDriver;

import org.springframework.boot.ssl.SslBundle;

/**
 * What the MQTT 5 and MQTT 3.1.1 Paho drivers share: a {@link PahoConnection} per attempt, Paho's
 * options from the settings and then the customizer, and the read-gated sockets. Refers to no
 * Paho type: either Paho client may be missing from the classpath.
 *
 * @param <O> the type of Paho's connect options
 * @author mqtt-spring-boot-starter
 */
abstract class PahoDriver<O> implements MqttDriver {

	private final Consumer<O> optionsCustomizer;

	PahoDriver() {
		this((options) -> {
		});
	}

	PahoDriver(Consumer<O> optionsCustomizer) {
		this.optionsCustomizer = optionsCustomizer;
	}

	@Override
	public DriverConnection connect(ConnectRequest request, DriverListener listener) {
		O options = customizedOptions(request);
		UnwrittenPackets unwritten = (socketFactory(options) instanceof BatchedWrites batched)
				? batched.unwrittenPackets() : new UnwrittenPackets();
		return PahoConnection.open(request, listener,
				(executor, connection) -> protocol(request, options, executor, connection), unwritten);
	}

	/**
	 * Returns Paho's options for an attempt: from the settings and the attempt's credentials,
	 * then the customizer, then what the driver owns whatever a customizer says.
	 * @param request the attempt
	 * @return the options
	 */
	O customizedOptions(ConnectRequest request) {
		O options = connectionOptions(request.serverUri(), request.settings(), request.credentials());
		this.optionsCustomizer.accept(options);
		enforce(options);
		return options;
	}

	/**
	 * Returns Paho's options from the settings, before the customizer.
	 * @param serverUri the broker
	 * @param settings the client's settings
	 * @param credentials the attempt's user name and password
	 * @return the options
	 */
	abstract O connectionOptions(URI serverUri, MqttClientSettings settings, MqttCredentials credentials);

	/**
	 * Returns the socket factory of the options, a customizer's if it set one.
	 * @param options the customized options
	 * @return the socket factory
	 */
	abstract SocketFactory socketFactory(O options);

	/**
	 * Sets what the driver owns, after the customizer.
	 * @param options the customized options
	 */
	abstract void enforce(O options);

	/**
	 * Creates the protocol of a connection, and with it its Paho client.
	 * @param request the attempt's request
	 * @param options the attempt's options
	 * @param executor the pool the client runs on
	 * @param connection the connection
	 * @return the protocol
	 * @throws Exception Paho's refusal to create the client
	 */
	abstract PahoProtocol protocol(ConnectRequest request, O options, PahoExecutor executor,
			PahoConnection connection) throws Exception;

	@Override
	public String threadRole() {
		return PahoConnection.THREAD_ROLE;
	}

	@Override
	public int threadsPerConnection() {
		return PahoConnection.PAHO_THREADS;
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
