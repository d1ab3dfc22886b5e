package io.github.mqttboot.client.driver.paho;

/**
 * A socket factory whose sockets batch bursts of publishes and acknowledgements
 * ({@link BatchingSocketOutput}); one factory per connection attempt.
 *
 * @author mqtt-spring-boot-starter
 */
interface BatchedWrites {

	/**
	 * Returns the count that this factory's sockets read to batch their writes.
	 * @return the publishes and acknowledgements handed to Paho and not yet written
	 */
	UnwrittenPackets unwrittenPackets();

}
