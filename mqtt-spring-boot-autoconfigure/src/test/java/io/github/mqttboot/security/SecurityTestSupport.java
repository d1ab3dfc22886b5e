package io.github.mqttboot.security;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.github.mqttboot.autoconfigure.MqttAutoConfiguration;
import io.github.mqttboot.autoconfigure.metrics.MqttMetricsAutoConfiguration;
import io.github.mqttboot.client.DriverPair;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The auto-configured client with SSL bundles and meters, fast reconnects and short deadlines.
 */
final class SecurityTestSupport {

	private SecurityTestSupport() {
	}

	static ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, JacksonAutoConfiguration.class,
					MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
					SimpleMetricsExportAutoConfiguration.class, MqttAutoConfiguration.class,
					MqttMetricsAutoConfiguration.class))
			.withPropertyValues("mqtt.connection-timeout=3s", "mqtt.reconnect.initial-delay=100ms",
					"mqtt.reconnect.max-delay=500ms", "mqtt.shutdown.timeout=5s");
	}

	/** The runner with the client on the given driver and protocol. */
	static ApplicationContextRunner runner(DriverPair pair) {
		return runner().withPropertyValues(pair.properties());
	}

	/**
	 * The properties of a PEM SSL bundle that trusts a CA and, when given, presents a client
	 * certificate.
	 */
	static String[] pemBundle(String name, Path trustedCa, Path certificate, Path privateKey) {
		String prefix = "spring.ssl.bundle.pem." + name + ".";
		List<String> properties = new ArrayList<>(List.of(prefix + "truststore.certificate=file:" + trustedCa));
		if (certificate != null) {
			properties.add(prefix + "keystore.certificate=file:" + certificate);
			properties.add(prefix + "keystore.private-key=file:" + privateKey);
		}
		return properties.toArray(String[]::new);
	}

}
