package io.github.mqttboot.autoconfigure;

import io.github.mqttboot.client.driver.MqttDriver;
import io.github.mqttboot.client.driver.hivemq.HiveMqDriver;
import io.github.mqttboot.client.driver.paho.PahoV3Driver;
import io.github.mqttboot.client.driver.paho.PahoV5Driver;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.util.ClassUtils;

/**
 * Creates the {@link MqttDriver} that {@code mqtt.driver} and {@code mqtt.protocol-version} name,
 * failing with a message that says which dependency is missing.
 *
 * @author mqtt-spring-boot-starter
 */
final class MqttDrivers {

	private static final String PAHO_V5 = "org.eclipse.paho.mqttv5.client.MqttAsyncClient";

	private static final String PAHO_V3 = "org.eclipse.paho.client.mqttv3.MqttAsyncClient";

	private static final String HIVEMQ = "com.hivemq.client.mqtt.MqttClient";

	private MqttDrivers() {
	}

	static MqttDriver create(MqttProperties properties, String clientName,
			ObjectProvider<PahoV5ConnectionOptionsCustomizer> v5Customizers,
			ObjectProvider<PahoV3ConnectOptionsCustomizer> v3Customizers,
			ObjectProvider<HiveMqClientBuilderCustomizer> hiveMqCustomizers, ClassLoader classLoader) {
		MqttClientSettingsMapper.validateDriver(properties);
		if ("hivemq".equals(properties.getDriver())) {
			require(classLoader, HIVEMQ, "com.hivemq:hivemq-mqtt-client", properties.getDriver());
			return new HiveMqDriver((builder) -> hiveMqCustomizers.orderedStream()
				.forEach((customizer) -> customizer.customize(clientName, builder)));
		}
		if (properties.getProtocolVersion() == 3) {
			require(classLoader, PAHO_V3, "org.eclipse.paho:org.eclipse.paho.client.mqttv3", "paho");
			// a named client on 3.1.1 beside a default one on MQTT 5 may well have MQTT 5 customizers around
			if (MqttAutoConfiguration.CLIENT_BEAN_NAME.equals(clientName)
					&& v5Customizers.orderedStream().findAny().isPresent()) {
				throw new InvalidMqttPropertyException("mqtt.protocol-version", 3,
						"PahoV5ConnectionOptionsCustomizer beans customize MQTT 5 options only; "
								+ "declare PahoV3ConnectOptionsCustomizer beans for MQTT 3.1.1");
			}
			return new PahoV3Driver((options) -> v3Customizers.orderedStream()
				.forEach((customizer) -> customizer.customize(clientName, options)));
		}
		require(classLoader, PAHO_V5, "org.eclipse.paho:org.eclipse.paho.mqttv5.client", "paho");
		return new PahoV5Driver((options) -> v5Customizers.orderedStream()
			.forEach((customizer) -> customizer.customize(clientName, options)));
	}

	private static void require(ClassLoader classLoader, String className, String dependency, String driver) {
		if (!ClassUtils.isPresent(className, classLoader)) {
			throw new InvalidMqttPropertyException("mqtt.driver", driver,
					"needs " + dependency + " on the classpath; add that dependency");
		}
	}

}
