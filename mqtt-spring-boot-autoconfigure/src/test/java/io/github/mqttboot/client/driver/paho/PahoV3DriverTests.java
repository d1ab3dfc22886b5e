package io.github.mqttboot.client.driver.paho;

import java.net.URI;
import java.time.Duration;

import io.github.mqttboot.client.MqttClientSettings;
import io.github.mqttboot.client.OwnedThreads;
import io.github.mqttboot.client.driver.ConnectRequest;
import io.github.mqttboot.client.driver.ConnectionInfo;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PahoV3DriverTests {

	private static final URI BROKER = URI.create("tcp://127.0.0.1:1883");

	private static final OwnedThreads THREADS = new OwnedThreads("test");

	@Test
	void mapsSettingsToMqtt311OptionsWithoutAutomaticReconnect() {
		MqttClientSettings settings = new MqttClientSettings();
		settings.setProtocolVersion(3);
		settings.setCleanStart(false);
		settings.setKeepAlive(Duration.ofSeconds(7));
		settings.setUsername("device");
		settings.setPassword("secret");
		MqttConnectOptions options = new PahoV3Driver().customizedOptions(new ConnectRequest(BROKER, settings, THREADS));
		assertThat(options.getMqttVersion()).isEqualTo(MqttConnectOptions.MQTT_VERSION_3_1_1);
		assertThat(options.isAutomaticReconnect()).isFalse();
		assertThat(options.isCleanSession()).isFalse();
		assertThat(options.getKeepAliveInterval()).isEqualTo(7);
		assertThat(options.getUserName()).isEqualTo("device");
		assertThat(options.getMaxInflight()).isEqualTo(ConnectionInfo.MQTT3_RECEIVE_MAXIMUM);
		assertThat(options.getSocketFactory()).isInstanceOf(GatedSocketFactory.class);
	}

	@Test
	void customizerCannotSwitchOnAutomaticReconnectOrTheMqtt31Fallback() {
		PahoV3Driver driver = new PahoV3Driver((options) -> {
			options.setAutomaticReconnect(true);
			options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_DEFAULT);
			options.setMaxInflight(50);
		});
		MqttConnectOptions options = driver.customizedOptions(new ConnectRequest(BROKER, new MqttClientSettings(), THREADS));
		assertThat(options.isAutomaticReconnect()).isFalse();
		assertThat(options.getMqttVersion()).isEqualTo(MqttConnectOptions.MQTT_VERSION_3_1_1);
		assertThat(options.getMaxInflight()).isEqualTo(50);
	}

}
