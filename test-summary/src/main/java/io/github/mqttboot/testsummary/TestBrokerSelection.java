package io.github.mqttboot.testsummary;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Which broker the tests use: {@code -Dmqtt.test.broker=mosquitto|embedded} or the environment
 * variable {@code MQTT_TEST_BROKER}; by default Mosquitto when it is installed, else the embedded
 * HiveMQ CE broker. Choosing {@code embedded} on a machine with Mosquitto runs the suite as a
 * machine without it would: tests that need Mosquitto are skipped, saying so.
 * <p>
 * The skip reasons start with {@link #MOSQUITTO_NOT_INSTALLED} or {@link #MOSQUITTO_NOT_SELECTED},
 * which {@link TestBrokerSummary} counts and CI looks for.
 */
public final class TestBrokerSelection {

	/** The system property that chooses the broker. */
	public static final String PROPERTY = "mqtt.test.broker";

	/** The environment variable that chooses the broker when the property is not set. */
	public static final String ENVIRONMENT_VARIABLE = "MQTT_TEST_BROKER";

	/** A Mosquitto child process. */
	public static final String MOSQUITTO = "mosquitto";

	/** The embedded HiveMQ CE broker, in the test JVM. */
	public static final String EMBEDDED = "embedded";

	/** Why a test that needs Mosquitto was skipped on a machine without it. */
	public static final String MOSQUITTO_NOT_INSTALLED = "mosquitto not installed; on Debian or Ubuntu: "
			+ "apt-get install mosquitto mosquitto-clients";

	/** Why a test that needs Mosquitto was skipped when the embedded broker was chosen. */
	public static final String MOSQUITTO_NOT_SELECTED = "mosquitto not selected: " + PROPERTY + "=" + EMBEDDED;

	private static final List<String> USUAL_DIRECTORIES = List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin",
			"/usr/local/bin", "/opt/homebrew/sbin", "/opt/homebrew/bin");

	private TestBrokerSelection() {
	}

	/**
	 * Return the broker the tests use.
	 * @return {@link #MOSQUITTO} or {@link #EMBEDDED}
	 * @throws IllegalStateException when the property or variable names another broker
	 */
	public static String broker() {
		String chosen = chosen();
		if (chosen != null) {
			return chosen;
		}
		return isMosquittoInstalled() ? MOSQUITTO : EMBEDDED;
	}

	/**
	 * Return whether tests may run Mosquitto: it is installed and the embedded broker was not
	 * chosen.
	 * @return whether Mosquitto is available
	 */
	public static boolean isMosquittoAvailable() {
		return isMosquittoInstalled() && !EMBEDDED.equals(chosen());
	}

	/**
	 * Return why Mosquitto is not available, for a skipped test.
	 * @param need what the test needs Mosquitto for, or {@code null}
	 * @return the reason, starting with {@link #MOSQUITTO_NOT_INSTALLED} or
	 * {@link #MOSQUITTO_NOT_SELECTED}
	 */
	public static String mosquittoUnavailable(String need) {
		String reason = isMosquittoInstalled() ? MOSQUITTO_NOT_SELECTED : MOSQUITTO_NOT_INSTALLED;
		return (need != null) ? reason + " [needs " + need + "]" : reason;
	}

	/**
	 * Return whether a {@code mosquitto} binary is on the {@code PATH} or in a usual location.
	 * @return whether Mosquitto is installed
	 */
	public static boolean isMosquittoInstalled() {
		return executable("mosquitto") != null;
	}

	/**
	 * Find an executable on the {@code PATH} or in a usual location.
	 * @param name the file name, such as {@code mosquitto_pub}
	 * @return its path, or {@code null}
	 */
	public static Path executable(String name) {
		String path = System.getenv("PATH");
		Stream<String> onPath = Stream.of((path != null) ? path.split(File.pathSeparator) : new String[0])
			.filter((directory) -> !directory.isEmpty());
		return Stream.concat(onPath, USUAL_DIRECTORIES.stream())
			.map((directory) -> Path.of(directory, name))
			.filter((file) -> Files.isRegularFile(file) && Files.isExecutable(file))
			.findFirst()
			.orElse(null);
	}

	private static String chosen() {
		String value = System.getProperty(PROPERTY);
		if (value == null || value.isBlank()) {
			value = System.getenv(ENVIRONMENT_VARIABLE);
		}
		if (value == null || value.isBlank()) {
			return null;
		}
		String broker = value.strip().toLowerCase(Locale.ROOT);
		if (!broker.equals(MOSQUITTO) && !broker.equals(EMBEDDED)) {
			throw new IllegalStateException(PROPERTY + " (or " + ENVIRONMENT_VARIABLE + ") is '" + value
					+ "': use " + MOSQUITTO + " or " + EMBEDDED);
		}
		return broker;
	}

}
