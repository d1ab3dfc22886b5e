package io.github.mqttboot.client.driver.paho;

/**
 * The calls that Paho's MQTT 5 and MQTT 3.1.1 clients both have, with the same names and
 * parameters, so that {@link PahoConnection} makes them on either. Each protocol's client is
 * Paho's own {@code MqttAsyncClient}, declared to implement this interface: Paho's methods
 * implement it as they are.
 *
 * @author mqtt-spring-boot-starter
 */
interface PahoClient {

	/**
	 * Returns whether the client is connected.
	 * @return whether it is connected
	 */
	boolean isConnected();

	/**
	 * Sets whether Paho holds back acknowledgements until {@link #messageArrivedComplete}.
	 * @param manualAcks whether acknowledgements are manual
	 */
	void setManualAcks(boolean manualAcks);

	/**
	 * Sends the acknowledgement of an inbound message that Paho held back.
	 * @param messageId the message's packet identifier
	 * @param qos the message's QoS
	 * @throws Exception Paho's failure
	 */
	void messageArrivedComplete(int messageId, int qos) throws Exception;

	/**
	 * Ends the connection without waiting.
	 * @param quiesceTimeout how long to wait for work in progress
	 * @param disconnectTimeout how long to wait for the DISCONNECT
	 * @param sendDisconnectPacket whether to send DISCONNECT
	 * @throws Exception Paho's failure
	 */
	void disconnectForcibly(long quiesceTimeout, long disconnectTimeout, boolean sendDisconnectPacket)
			throws Exception;

	/**
	 * Releases the client's resources.
	 * @param force whether to close even if not disconnected
	 * @throws Exception Paho's failure
	 */
	void close(boolean force) throws Exception;

}
