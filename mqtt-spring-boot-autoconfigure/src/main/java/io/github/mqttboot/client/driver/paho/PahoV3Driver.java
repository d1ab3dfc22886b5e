package io.github.mqttboot.client.driver.paho;

import java.net.URI;
import java.util.function.Consumer;

import javax.net.SocketFactory;

import io.github.mqttboot.client.MqttClientSettings;
import io.github.mqttboot.client.MqttCredentials;
import io.github.mqttboot.client.MqttConnectSettings;
import io.github.mqttboot.client.driver.ConnectRequest;
import io.github.mqttboot.client.driver.ConnectionInfo;
import io.github.mqttboot.client.driver.MqttDriver;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;

/**
 * {@link MqttDriver} over Eclipse Paho's MQTT 3.1.1 client. Like the MQTT 5 driver, each
 * attempt gets a new Paho client on its own pool of owned threads and the same read-gated
 * sockets. MQTT 3.1.1 is set explicitly: Paho's default tries 3.1.1 and then 3.1, which doubles
 * the sockets of a failed attempt and the threads it can strand.
 *
 * @author mqtt-spring-boot-starter
 */
public class PahoV3Driver extends PahoDriver<MqttConnectOptions> {

	/**
	 * Creates a driver.
	 * @param optionsCustomizer applied to Paho's connect options last, for what the properties
	 * do not cover
	 */
	public PahoV3Driver(Consumer<MqttConnectOptions> optionsCustomizer) {
		super(optionsCustomizer);
	}

	/**
	 * Creates a driver without a customizer.
	 */
	public PahoV3Driver() {
	}

	@Override
	SocketFactory socketFactory(MqttConnectOptions options) {
		return options.getSocketFactory();
	}

	@Override
	void enforce(MqttConnectOptions options) {
		// whatever a customizer says: the supervisor owns reconnection, and 3.1 is never tried
		options.setAutomaticReconnect(false);
		options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
	}

	@Override
	MqttConnectOptions connectionOptions(URI serverUri, MqttClientSettings settings, MqttCredentials credentials) {
		MqttConnectOptions options = new MqttConnectOptions();
		options.setServerURIs(new String[] { serverUri.toString() });
		options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
		options.setAutomaticReconnect(false);
		options.setCleanSession(settings.isCleanStart());
		options.setKeepAliveInterval((int) settings.getKeepAlive().toSeconds());
		// Paho's own timeout bounds the TCP connect; our own deadline bounds CONNACK
		options.setConnectionTimeout((int) Math.max(1, ceilSeconds(settings.getConnectionTimeout().toMillis())));
		// MQTT 3.1.1 has no Receive Maximum: a conservative window, which a customizer may raise
		options.setMaxInflight(Math.min(ConnectionInfo.MQTT3_RECEIVE_MAXIMUM, settings.getMaxInflight()));
		if (credentials.username() != null) {
			options.setUserName(credentials.username());
		}
		if (credentials.password() != null) {
			options.setPassword(credentials.password().toCharArray());
		}
		MqttConnectSettings.WillMessage will = settings.getWill();
		if (will != null) {
			options.setWill(will.topic(), will.payload(), will.qos(), will.retained());
		}
		options.setSocketFactory(socketFactory(serverUri, settings));
		options.setHttpsHostnameVerificationEnabled(settings.isVerifyHostname());
		return options;
	}

	@Override
	PahoProtocol protocol(ConnectRequest request, MqttConnectOptions options, PahoExecutor executor,
			PahoConnection connection) throws MqttException {
		return new PahoV3Protocol(request, options, executor, connection);
	}

}
