package io.github.mqttboot.client.driver.hivemq;

import java.util.function.Consumer;

import com.hivemq.client.mqtt.MqttClientBuilder;
import io.github.mqttboot.client.driver.ConnectRequest;
import io.github.mqttboot.client.driver.DriverConnection;
import io.github.mqttboot.client.driver.DriverListener;
import io.github.mqttboot.client.driver.MqttDriver;

/**
 * {@link MqttDriver} over the HiveMQ MQTT client ({@code com.hivemq:hivemq-mqtt-client}), for
 * MQTT 5 and MQTT 3.1.1 ({@code mqtt.protocol-version}). Each attempt gets a new HiveMQ client
 * on its own Netty event loop and callback thread, both made by the client's
 * {@link io.github.mqttboot.client.OwnedThreads}; HiveMQ's automatic reconnect is never
 * configured, the supervisor owns reconnection.
 *
 * @author mqtt-spring-boot-starter
 */
public class HiveMqDriver implements MqttDriver {

	private final Consumer<MqttClientBuilder> customizer;

	public HiveMqDriver() {
		this((builder) -> {
		});
	}

	/**
	 * Creates the driver.
	 * @param customizer applied to the builder of every attempt's client; the executors and
	 * automatic reconnect (off) are set after it
	 */
	public HiveMqDriver(Consumer<MqttClientBuilder> customizer) {
		this.customizer = customizer;
	}

	@Override
	public DriverConnection connect(ConnectRequest request, DriverListener listener) {
		return HiveMqConnection.open(request, listener, this.customizer);
	}

	@Override
	public String threadRole() {
		return HiveMqConnection.THREAD_ROLE;
	}

	@Override
	public int threadsPerConnection() {
		return HiveMqConnection.THREADS;
	}

}
