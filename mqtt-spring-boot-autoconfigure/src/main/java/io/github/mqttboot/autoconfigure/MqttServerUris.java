package io.github.mqttboot.autoconfigure;

/**
 * Builds the {@code tcp://} server URI of a broker that a container or a Compose service
 * publishes on a host port, for the service-connection factories.
 *
 * @author mqtt-spring-boot-starter
 */
public final class MqttServerUris {

	/** The port both Mosquitto and HiveMQ listen on for plain MQTT. */
	public static final int MQTT_PORT = 1883;

	private MqttServerUris() {
	}

	/**
	 * Returns the server URI of a broker.
	 * @param host the host name or IP address, IPv6 literals with or without brackets
	 * @param port the port
	 * @return the {@code tcp://} URI
	 */
	public static String tcp(String host, int port) {
		// an IPv6 literal needs brackets, or the port would read as part of the address
		String address = (host.indexOf(':') >= 0 && !host.startsWith("[")) ? "[" + host + "]" : host;
		return "tcp://" + address + ":" + port;
	}

}
