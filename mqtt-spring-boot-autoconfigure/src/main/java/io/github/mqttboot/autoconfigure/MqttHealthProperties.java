package io.github.mqttboot.autoconfigure;

import java.time.Duration;

/**
 * Health properties ({@code mqtt.health.*}).
 *
 * @author mqtt-spring-boot-starter
 */
public class MqttHealthProperties {

	/**
	 * How long the client may be connecting or reconnecting before health reports DOWN and
	 * failed attempts are logged as warnings.
	 */
	private Duration gracePeriod = Duration.ofSeconds(30);

	public Duration getGracePeriod() {
		return this.gracePeriod;
	}

	public void setGracePeriod(Duration gracePeriod) {
		this.gracePeriod = gracePeriod;
	}

}
