package io.github.mqttboot.client.driver;


import io.github.mqttboot.client.ManagedMqttClient;
/**
 * The small surface a {@link ManagedMqttClient} needs from an MQTT library. A driver opens one
 * connection per attempt; the supervisor owns reconnection, deadlines and threads.
 *
 * @author mqtt-spring-boot-starter
 */
@FunctionalInterface
public interface MqttDriver {

	/**
	 * Starts one connection attempt. Must not block on the network. Everything the attempt
	 * starts (sockets, threads, timers) is released by {@link DriverConnection#close()}, on every
	 * path: success, refusal, timeout, reset and stop.
	 * @param request where and how to connect
	 * @param listener receives inbound messages and the loss of the connection
	 * @return the attempt, whose {@link DriverConnection#connected()} completes on CONNACK
	 */
	DriverConnection connect(ConnectRequest request, DriverListener listener);

	/**
	 * Returns the role of the threads the driver starts for a connection.
	 * @return the role, part of the thread names
	 */
	default String threadRole() {
		return "driver";
	}

	/**
	 * Returns how many threads one connection may run at most, so that threads of ended
	 * connections that survive can be told apart; 0 if unknown.
	 * @return the bound
	 */
	default int threadsPerConnection() {
		return 0;
	}

}
