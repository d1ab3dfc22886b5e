package io.github.mqttboot.client.driver.paho;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import javax.net.SocketFactory;

import io.github.mqttboot.client.MqttClientSettings;
import io.github.mqttboot.client.MqttCredentials;
import io.github.mqttboot.client.MqttConnectSettings;
import io.github.mqttboot.client.driver.ConnectRequest;
import io.github.mqttboot.client.driver.MqttDriver;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * {@link MqttDriver} over Eclipse Paho's MQTT 5 client. Each attempt gets a new Paho client and
 * its own executor, so that a failed attempt can be released whole.
 *
 * @author mqtt-spring-boot-starter
 */
public class PahoV5Driver extends PahoDriver<MqttConnectionOptions> {

	/**
	 * Creates a driver.
	 * @param optionsCustomizer applied to Paho's connection options last, for what the
	 * properties do not cover
	 */
	public PahoV5Driver(Consumer<MqttConnectionOptions> optionsCustomizer) {
		super(optionsCustomizer);
	}

	/**
	 * Creates a driver without a customizer.
	 */
	public PahoV5Driver() {
	}

	@Override
	MqttConnectionOptions connectionOptions(URI serverUri, MqttClientSettings settings,
			MqttCredentials credentials) {
		MqttConnectionOptions options = new MqttConnectionOptions();
		options.setServerURIs(new String[] { serverUri.toString() });
		options.setAutomaticReconnect(false);
		options.setCleanStart(settings.isCleanStart());
		long expiry = settings.getSessionExpiry().toSeconds();
		options.setSessionExpiryInterval((expiry > 0) ? expiry : null);
		options.setKeepAliveInterval((int) settings.getKeepAlive().toSeconds());
		// Paho's own timeout bounds the TCP connect; our own deadline bounds CONNACK
		options.setConnectionTimeout((int) Math.max(1, ceilSeconds(settings.getConnectionTimeout().toMillis())));
		if (credentials.username() != null) {
			options.setUserName(credentials.username());
		}
		if (credentials.password() != null) {
			options.setPassword(credentials.password().getBytes(StandardCharsets.UTF_8));
		}
		MqttConnectSettings.WillMessage will = settings.getWill();
		if (will != null) {
			MqttMessage message = new MqttMessage(will.payload(), will.qos(), will.retained(), null);
			options.setWill(will.topic(), message);
		}
		options.setReceiveMaximum(settings.getReceiveMaximum());
		if (settings.getMaximumPacketSize() > 0) {
			options.setMaximumPacketSize(settings.getMaximumPacketSize());
		}
		options.setSocketFactory(socketFactory(serverUri, settings));
		options.setHttpsHostnameVerificationEnabled(settings.isVerifyHostname());
		return options;
	}

	@Override
	SocketFactory socketFactory(MqttConnectionOptions options) {
		return options.getSocketFactory();
	}

	@Override
	void enforce(MqttConnectionOptions options) {
		// whatever a customizer says, the supervisor owns reconnection
		options.setAutomaticReconnect(false);
	}

	@Override
	PahoProtocol protocol(ConnectRequest request, MqttConnectionOptions options, PahoExecutor executor,
			PahoConnection connection) throws MqttException {
		return new PahoV5Protocol(request, options, executor, connection);
	}

}
