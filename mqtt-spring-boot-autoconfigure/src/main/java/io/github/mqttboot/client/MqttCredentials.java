package io.github.mqttboot.client;

/**
 * The user name and password of one connection attempt, from a {@link MqttCredentialsProvider}.
 * MQTT 3.1.1 sends a password only with a user name. {@link #toString()} shows no password.
 *
 * @param username the user name, or {@code null} for none
 * @param password the password, or {@code null} for none
 * @author mqtt-spring-boot-starter
 * @since 0.1.0
 */
public record MqttCredentials(String username, String password) {

	/** No user name and no password. */
	public static final MqttCredentials NONE = new MqttCredentials(null, null);

	/**
	 * Shows the user name and whether there is a password, never the password itself.
	 * @return the description
	 */
	@Override
	public String toString() {
		return "MqttCredentials[username=" + this.username + ", password=" + ((this.password != null) ? "******" : null)
				+ "]";
	}

}
