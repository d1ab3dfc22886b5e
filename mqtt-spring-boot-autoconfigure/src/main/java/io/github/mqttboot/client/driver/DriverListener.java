package io.github.mqttboot.client.driver;

import io.github.mqttboot.client.InboundMessage;

/**
 * Events a {@link DriverConnection} reports to its client.
 *
 * @author mqtt-spring-boot-starter
 */
public interface DriverListener {

	/**
	 * A message arrived. Called on the driver's reading thread: hand it off quickly.
	 * @param message the message, with its acknowledgement, which runs when the client
	 * {@link InboundMessage#release() releases} the message's last hold
	 */
	void messageArrived(InboundMessage message);

	/**
	 * A QoS 0 message the driver dropped before {@link #messageArrived}: it arrived while the
	 * client's handlers lagged by more messages than the driver holds for them (a driver that
	 * stops reading instead never calls this). Called on the driver's reading thread.
	 * @param message the message, already acknowledged
	 */
	void messageDropped(InboundMessage message);

	/**
	 * The established connection was lost (not called for a connect that failed, nor for a
	 * close the client asked for).
	 * @param cause why: a {@link io.github.mqttboot.client.MqttDisconnectedException} with the
	 * reason code when the broker ended it with a DISCONNECT (MQTT 5), so that the client can
	 * tell a session taken over (0x8E) by another client with the same id from other losses
	 */
	void connectionLost(Throwable cause);

}
