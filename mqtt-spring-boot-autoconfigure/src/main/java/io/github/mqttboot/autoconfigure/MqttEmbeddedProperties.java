package io.github.mqttboot.autoconfigure;


/**
 * Embedded broker properties ({@code mqtt.embedded.*}).
 *
 * @author mqtt-spring-boot-starter
 */
public class MqttEmbeddedProperties {

	/**
	 * Whether to start the embedded broker. Defaults to true when it is on the classpath
	 * and no server URI is set.
	 */
	private Boolean enabled;

	/**
	 * Port of the embedded broker on 127.0.0.1; 0 picks a free one.
	 */
	private int port = 1883;

	public Boolean getEnabled() {
		return this.enabled;
	}

	public void setEnabled(Boolean enabled) {
		this.enabled = enabled;
	}

	public int getPort() {
		return this.port;
	}

	public void setPort(int port) {
		this.port = port;
	}

}
