package io.github.mqttboot.autoconfigure;


/**
 * Publish properties ({@code mqtt.publish.*}).
 *
 * @author mqtt-spring-boot-starter
 */
public class MqttPublishProperties {

	/**
	 * QoS of publishes that do not name one.
	 */
	private int defaultQos = 1;

	private final Buffer buffer = new Buffer();

	public int getDefaultQos() {
		return this.defaultQos;
	}

	public void setDefaultQos(int defaultQos) {
		this.defaultQos = defaultQos;
	}

	public Buffer getBuffer() {
		return this.buffer;
	}

	public static class Buffer {

		/**
		 * Publishes held while disconnected; 0 fails them at once.
		 */
		private int capacity = 10000;

		public int getCapacity() {
			return this.capacity;
		}

		public void setCapacity(int capacity) {
			this.capacity = capacity;
		}

	}

}
