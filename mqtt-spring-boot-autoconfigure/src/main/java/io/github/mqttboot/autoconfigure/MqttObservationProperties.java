package io.github.mqttboot.autoconfigure;

/**
 * Observation properties ({@code mqtt.observation.*}).
 *
 * @author mqtt-spring-boot-starter
 */
public class MqttObservationProperties {

	/**
	 * Whether to record Micrometer observations of publishing and listener handling. By default,
	 * only when the application traces (a Tracer bean that is not the no-op one).
	 */
	private Boolean enabled;

	public Boolean getEnabled() {
		return this.enabled;
	}

	public void setEnabled(Boolean enabled) {
		this.enabled = enabled;
	}

}
