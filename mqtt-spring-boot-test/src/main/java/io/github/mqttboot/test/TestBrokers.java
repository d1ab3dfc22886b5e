package io.github.mqttboot.test;

import java.util.Locale;

import io.github.mqttboot.test.MqttTestBroker.Kind;

/**
 * Chooses and starts the broker of a {@link Kind}.
 *
 * @author mqtt-spring-boot-starter
 */
final class TestBrokers {

	private TestBrokers() {
	}

	/**
	 * The system property that chooses the broker of {@link Kind#AUTO}: {@code mosquitto} or
	 * {@code embedded}; choosing {@code embedded} also makes Mosquitto unavailable, as on a
	 * machine without it.
	 */
	static final String SELECTION_PROPERTY = "mqtt.test.broker";

	/** The environment variable read when {@link #SELECTION_PROPERTY} is not set. */
	static final String SELECTION_VARIABLE = "MQTT_TEST_BROKER";

	/** The broker that {@code kind} stands for, or {@code null} when it is not available. */
	static Kind resolve(Kind kind) {
		Kind chosen = chosen();
		boolean mosquitto = MosquittoTestBroker.isInstalled() && chosen != Kind.EMBEDDED;
		boolean embedded = EmbeddedTestBroker.isAvailable();
		return switch (kind) {
			case MOSQUITTO -> mosquitto ? kind : null;
			case EMBEDDED -> embedded ? kind : null;
			case AUTO -> (chosen != null) ? resolve(chosen)
					: mosquitto ? Kind.MOSQUITTO : embedded ? Kind.EMBEDDED : null;
		};
	}

	static String unavailable(Kind kind) {
		Kind resolved = (kind == Kind.AUTO) ? chosen() : kind;
		if (resolved == null) {
			return "No MQTT broker for tests: install Mosquitto (e.g. apt-get install mosquitto) or add "
					+ "com.hivemq:hivemq-community-edition-embedded to the test classpath";
		}
		return switch (resolved) {
			case MOSQUITTO -> MosquittoTestBroker.isInstalled()
					? "Mosquitto is not selected (" + SELECTION_PROPERTY + "=embedded)"
					: "Mosquitto is not installed (e.g. apt-get install mosquitto)";
			default -> "The embedded broker needs mqtt-spring-boot-autoconfigure and "
					+ "com.hivemq:hivemq-community-edition-embedded on the test classpath";
		};
	}

	/** The broker chosen by {@link #SELECTION_PROPERTY} or {@link #SELECTION_VARIABLE}, if any. */
	static Kind chosen() {
		String value = System.getProperty(SELECTION_PROPERTY);
		if (value == null || value.isBlank()) {
			value = System.getenv(SELECTION_VARIABLE);
		}
		if (value == null || value.isBlank()) {
			return null;
		}
		return switch (value.strip().toLowerCase(Locale.ROOT)) {
			case "mosquitto" -> Kind.MOSQUITTO;
			case "embedded" -> Kind.EMBEDDED;
			default -> throw new IllegalStateException(SELECTION_PROPERTY + " (or " + SELECTION_VARIABLE + ") is '"
					+ value + "': use mosquitto or embedded");
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
