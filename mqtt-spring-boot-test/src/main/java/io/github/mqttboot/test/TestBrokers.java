package io.github.mqttboot.test;

import io.github.mqttboot.test.MqttTestBroker.Kind;

/**
 * Chooses and starts the broker of a {@link Kind}.
 *
 * @author mqtt-spring-boot-starter
 */
final class TestBrokers {

	private TestBrokers() {
	}

	/** The broker that {@code kind} stands for, or {@code null} when it is not available. */
	static Kind resolve(Kind kind) {
		boolean mosquitto = MosquittoTestBroker.isInstalled();
		boolean embedded = EmbeddedTestBroker.isAvailable();
		return switch (kind) {
			case MOSQUITTO -> mosquitto ? kind : null;
			case EMBEDDED -> embedded ? kind : null;
			case AUTO -> mosquitto ? Kind.MOSQUITTO : embedded ? Kind.EMBEDDED : null;
		};
	}

	static String unavailable(Kind kind) {
		return switch (kind) {
			case MOSQUITTO -> "Mosquitto is not installed (e.g. apt-get install mosquitto)";
			case EMBEDDED -> "The embedded broker needs mqtt-spring-boot-autoconfigure and "
					+ "com.hivemq:hivemq-community-edition-embedded on the test classpath";
			case AUTO -> "No MQTT broker for tests: install Mosquitto (e.g. apt-get install mosquitto) or add "
					+ "com.hivemq:hivemq-community-edition-embedded to the test classpath";
		};
	}

	static TestMqttBroker start(Kind kind) {
		Kind resolved = resolve(kind);
		if (resolved == null) {
			throw new IllegalStateException(unavailable(kind));
		}
		return (resolved == Kind.MOSQUITTO) ? MosquittoTestBroker.start() : EmbeddedTestBroker.start();
	}

}
