package io.github.mqttboot.client;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import io.github.mqttboot.client.driver.MqttDriver;
import io.github.mqttboot.client.driver.hivemq.HiveMqDriver;
import io.github.mqttboot.client.driver.paho.PahoV3Driver;
import io.github.mqttboot.client.driver.paho.PahoV5Driver;

/**
 * Every driver and protocol pair the integration and leak suites run for. Restrict a local run
 * with {@code -Dmqtt.test.drivers=hivemq-v3,paho-v5}.
 */
public enum DriverPair {

	PAHO_V5("paho", 5, PahoV5Driver::new),

	PAHO_V3("paho", 3, PahoV3Driver::new),

	HIVEMQ_V5("hivemq", 5, HiveMqDriver::new),

	HIVEMQ_V3("hivemq", 3, HiveMqDriver::new);

	private final String driver;

	private final int protocolVersion;

	private final Supplier<MqttDriver> factory;

	DriverPair(String driver, int protocolVersion, Supplier<MqttDriver> factory) {
		this.driver = driver;
		this.protocolVersion = protocolVersion;
		this.factory = factory;
	}

	/**
	 * The pairs to run: all, or those named by {@code mqtt.test.drivers}.
	 * @return the pairs
	 */
	public static List<DriverPair> pairs() {
		String selected = System.getProperty("mqtt.test.drivers", "");
		if (selected.isBlank()) {
			return List.of(values());
		}
		List<String> names = Arrays.stream(selected.split(",")).map(String::trim).toList();
		return Arrays.stream(values()).filter((pair) -> names.contains(pair.toString())).toList();
	}

	/** The value of {@code mqtt.driver}. */
	public String driver() {
		return this.driver;
	}

	/** The value of {@code mqtt.protocol-version}. */
	public int protocolVersion() {
		return this.protocolVersion;
	}

	public boolean isMqtt5() {
		return this.protocolVersion == 5;
	}

	/** Whether this is the default pair, which the suites run most thoroughly. */
	public boolean isDefault() {
		return this == PAHO_V5;
	}

	public MqttDriver newDriver() {
		return this.factory.get();
	}

	/** The role in the names of the threads the driver runs. */
	public String threadRole() {
		return newDriver().threadRole();
	}

	/** The properties that select this pair in an application. */
	public String[] properties() {
		return new String[] { "mqtt.driver=" + this.driver, "mqtt.protocol-version=" + this.protocolVersion };
	}

	/** Applies the protocol version to settings. */
	public void apply(MqttClientSettings settings) {
		settings.setProtocolVersion(this.protocolVersion);
	}

	@Override
	public String toString() {
		return this.driver + "-v" + this.protocolVersion;
	}

}
