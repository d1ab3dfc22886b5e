package io.github.mqttboot.client;

import io.github.mqttboot.client.driver.MqttDriver;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * What the supervisor tells about its connections: threads of ended connections that are still
 * alive, and failures in words.
 *
 * @author mqtt-spring-boot-starter
 */
final class ConnectionDiagnostics {

	private static final Log logger = LogFactory.getLog(ConnectionSupervisor.class);

	private final MqttDriver driver;

	private final OwnedThreads threads;

	private volatile int strandedThreads;

	ConnectionDiagnostics(MqttDriver driver, OwnedThreads threads) {
		this.driver = driver;
		this.threads = threads;
	}

	/** Counts the driver's threads beyond what the live connection needs, and warns of more. */
	void checkStrandedThreads() {
		int bound = this.driver.threadsPerConnection();
		if (bound <= 0) {
			return;
		}
		int stranded = Math.max(0, this.threads.count(this.driver.threadRole()) - bound);
		if (stranded > this.strandedThreads) {
			logger.warn(stranded + " thread(s) of ended MQTT connections are still alive (at most " + bound
					+ " expected for the live one):\n" + this.threads.describe());
		}
		this.strandedThreads = stranded;
	}

	int strandedThreads() {
		return this.strandedThreads;
	}

	static String describe(Throwable failure) {
		Throwable cause = Failures.unwrap(failure);
		return cause.getClass().getSimpleName() + ": " + cause.getMessage();
	}

}
