package io.github.mqttboot.embedded;

/**
 * Thrown when the embedded broker cannot listen on its port because something else already
 * does. The message tells both ways out, since the usual cause is a broker started by hand.
 */
public class EmbeddedBrokerPortInUseException extends RuntimeException {

	private final int port;

	public EmbeddedBrokerPortInUseException(int port, Throwable cause) {
		super("Port " + port + " is already in use on 127.0.0.1, so the embedded MQTT broker cannot start. "
				+ "To use the broker already listening there, set 'mqtt.server-uris=tcp://localhost:" + port + "'. "
				+ "To run the embedded broker elsewhere, set 'mqtt.embedded.port' to another port "
				+ "('0' picks a free one).", cause);
		this.port = port;
	}

	/**
	 * Return the port that was already in use.
	 * @return the port
	 */
	public int getPort() {
		return this.port;
	}

}
