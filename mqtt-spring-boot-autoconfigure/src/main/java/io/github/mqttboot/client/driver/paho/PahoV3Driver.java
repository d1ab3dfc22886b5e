package io.github.mqttboot.client.driver.paho;

import java.net.URI;
import java.util.function.Consumer;

import io.github.mqttboot.client.driver.ConnectRequest;
import io.github.mqttboot.client.driver.ConnectionInfo;
import io.github.mqttboot.client.driver.DriverConnection;
import io.github.mqttboot.client.driver.DriverListener;
import io.github.mqttboot.client.MqttClientSettings;
import io.github.mqttboot.client.driver.MqttDriver;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;

/**
 * {@link MqttDriver} over Eclipse Paho's MQTT 3.1.1 client. Like the MQTT 5 driver, each
 * attempt gets a new Paho client on its own pool of owned threads and the same read-gated
 * sockets. MQTT 3.1.1 is set explicitly: Paho's default tries 3.1.1 and then 3.1, which doubles
 * the sockets of a failed attempt and the threads it can strand.
 *
 * @author mqtt-spring-boot-starter
 */
public class PahoV3Driver implements MqttDriver {

	private final Consumer<MqttConnectOptions> optionsCustomizer;

	/**
	 * Creates a driver.
	 * @param optionsCustomizer applied to Paho's connect options last, for what the properties
	 * do not cover
	 */
	public PahoV3Driver(Consumer<MqttConnectOptions> optionsCustomizer) {
		this.optionsCustomizer = optionsCustomizer;
	}

	public PahoV3Driver() {
		this((options) -> {
		});
	}

	@Override
	public DriverConnection connect(ConnectRequest request, DriverListener listener) {
		return PahoV3Connection.open(request, customizedOptions(request.serverUri(), request.settings()), listener);
	}

	MqttConnectOptions customizedOptions(URI serverUri, MqttClientSettings settings) {
		MqttConnectOptions options = connectOptions(serverUri, settings);
		this.optionsCustomizer.accept(options);
		// whatever a customizer says: the supervisor owns reconnection, and 3.1 is never tried
		options.setAutomaticReconnect(false);
		options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
		return options;
	}

	@Override
	public String threadRole() {
		return PahoV3Connection.THREAD_ROLE;
	}

	@Override
	public int threadsPerConnection() {
		return PahoV3Connection.PAHO_THREADS;
	}

	MqttConnectOptions connectOptions(URI serverUri, MqttClientSettings settings) {
		MqttConnectOptions options = new MqttConnectOptions();
		options.setServerURIs(new String[] { serverUri.toString() });
		options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
		options.setAutomaticReconnect(false);
		options.setCleanSession(settings.isCleanStart());
		options.setKeepAliveInterval((int) settings.getKeepAlive().toSeconds());
		// Paho's own timeout bounds the TCP connect; our own deadline bounds CONNACK
		options.setConnectionTimeout(
				(int) Math.max(1, PahoV5Driver.ceilSeconds(settings.getConnectionTimeout().toMillis())));
		// MQTT 3.1.1 has no Receive Maximum: a conservative window, which a customizer may raise
		options.setMaxInflight(Math.min(ConnectionInfo.MQTT3_RECEIVE_MAXIMUM, settings.getMaxInflight()));
		if (settings.getUsername() != null) {
			options.setUserName(settings.getUsername());
		}
		if (settings.getPassword() != null) {
			options.setPassword(settings.getPassword().toCharArray());
		}
		MqttClientSettings.WillMessage will = settings.getWill();
		if (will != null) {
			options.setWill(will.topic(), will.payload(), will.qos(), will.retained());
		}
		options.setSocketFactory(PahoV5Driver.socketFactory(serverUri, settings));
		options.setHttpsHostnameVerificationEnabled(settings.isVerifyHostname());
		return options;
	}

}
