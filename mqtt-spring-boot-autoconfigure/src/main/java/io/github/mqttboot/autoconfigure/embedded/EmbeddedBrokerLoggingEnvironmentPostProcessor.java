package io.github.mqttboot.autoconfigure.embedded;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

/**
 * Keeps Spring Boot in control of logging when the embedded broker is on the classpath. The
 * HiveMQ jar carries a top-level {@code logback.xml}, which Boot would take as the application's
 * own logging configuration; unless the application names one, point Boot at its defaults.
 *
 * @author mqtt-spring-boot-starter
 */
class EmbeddedBrokerLoggingEnvironmentPostProcessor implements EnvironmentPostProcessor {

	static final String BOOT_DEFAULTS = "classpath:io/github/mqttboot/embedded/logback-boot-defaults.xml";

	private static final String[] APPLICATION_CONFIGS = { "logback-test.xml", "logback-test.groovy",
			"logback-spring.xml", "logback-spring.groovy" };

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		ClassLoader classLoader = application.getClassLoader();
		if (!ClassUtils.isPresent("com.hivemq.embedded.EmbeddedHiveMQ", classLoader)
				|| !ClassUtils.isPresent("ch.qos.logback.classic.LoggerContext", classLoader)
				|| environment.containsProperty("logging.config") || hasApplicationConfig(classLoader)) {
			return;
		}
		environment.getPropertySources()
			.addLast(new MapPropertySource("mqttEmbeddedBrokerLogging", Map.of("logging.config", BOOT_DEFAULTS)));
	}

	private static boolean hasApplicationConfig(ClassLoader classLoader) {
		for (String config : APPLICATION_CONFIGS) {
			if (classLoader.getResource(config) != null) {
				return true;
			}
		}
		return false;
	}

}
