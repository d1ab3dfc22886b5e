package io.github.mqttboot.autoconfigure;


/**
 * Observation properties ({@code mqtt.observation.*}).
 *
 * @author mqtt-spring-boot-starter
 */
public class MqttObservationProperties {

	/**
	 * Whether to record Micrometer observations of publishing and listener handling.
	 */
	private boolean enabled = true;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

}
