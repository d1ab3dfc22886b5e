package io.github.mqttboot.test;

import io.github.mqttboot.test.MqttTestBroker.Kind;

/**
 * A broker started for tests, on a free port of 127.0.0.1 with anonymous access.
 *
 * @author mqtt-spring-boot-starter
 */
public interface TestMqttBroker extends AutoCloseable {

	/**
	 * Return the URI clients connect to.
	 * @return {@code tcp://127.0.0.1:<port>}
	 */
	String getServerUri();

	/**
	 * Return which broker runs: {@link Kind#MOSQUITTO} or {@link Kind#EMBEDDED}.
	 * @return the kind, never {@link Kind#AUTO}
	 */
	Kind getKind();

	/**
	 * Stop the broker and delete its files; waits at most 30 s.
	 */
	@Override
	void close();

	/**
	 * Start a broker and wait until it accepts connections.
	 * @param kind which broker; {@link Kind#AUTO} prefers Mosquitto
	 * @return the running broker
	 * @throws IllegalStateException when the requested broker is not available or fails to
	 * start
	 */
	static TestMqttBroker start(Kind kind) {
		return TestBrokers.start(kind);
	}

}
