package io.github.mqttboot.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.github.mqttboot.testsummary.TestBrokerSelection;
import org.junit.jupiter.api.Assumptions;

/**
 * {@code mosquitto_sub} as another client with a given client id, as a second instance of an
 * application with the same {@code mqtt.client-id} would be: when the broker ends its connection
 * for a newer one with that id, it connects again by itself a second later (libmosquitto's
 * reconnect delay), taking the id back. Closing it ends the process.
 */
public final class MosquittoSub implements AutoCloseable {

	private final Process process;

	private MosquittoSub(Process process) {
		this.process = process;
	}

	/**
	 * Starts the competitor; skips the test when {@code mosquitto_sub} is not installed.
	 * @param port the port of the broker on the loopback address, Mosquitto or the embedded one
	 * @param clientId the client id to connect with
	 * @return the running competitor
	 */
	public static MosquittoSub start(int port, String clientId) {
		Path binary = MosquittoBroker.findExecutable("mosquitto_sub");
		Assumptions.assumeTrue(binary != null, TestBrokerSelection.MOSQUITTO_NOT_INSTALLED + " [needs mosquitto_sub]");
		try {
			return new MosquittoSub(new ProcessBuilder(binary.toString(), "-h", "127.0.0.1", "-p",
					String.valueOf(port), "-i", clientId, "-t", "competitor/#")
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(5, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
	}

}
