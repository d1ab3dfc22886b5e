package io.github.mqttboot.autoconfigure.service.connection;

/**
 * Builds the {@code tcp://} server URI of a broker that a container or a Compose service
 * publishes on a host port.
 *
 * @author mqtt-spring-boot-starter
 */
final class MqttServerUris {

	/** The port both Mosquitto and HiveMQ listen on for plain MQTT. */
	static final int MQTT_PORT = 1883;

	private MqttServerUris() {
	}

	static String tcp(String host, int port) {
		// an IPv6 literal needs brackets, or the port would read as part of the address
		String address = (host.indexOf(':') >= 0 && !host.startsWith("[")) ? "[" + host + "]" : host;
		return "tcp://" + address + ":" + port;
	}

}
