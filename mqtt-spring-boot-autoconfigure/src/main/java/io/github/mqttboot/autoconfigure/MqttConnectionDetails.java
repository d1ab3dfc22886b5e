package io.github.mqttboot.autoconfigure;

import java.util.List;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;
import org.springframework.boot.ssl.SslBundle;

/**
 * Details required to establish a connection to an MQTT broker.
 *
 * @author mqtt-spring-boot-starter
 */
public interface MqttConnectionDetails extends ConnectionDetails {

	/**
	 * Broker URIs, tried in order.
	 * @return the URIs
	 */
	List<String> getServerUris();

	/**
	 * Login user of the broker.
	 * @return the user, or {@code null}
	 */
	default String getUsername() {
		return null;
	}

	/**
	 * Login password of the broker.
	 * @return the password, or {@code null}
	 */
	default String getPassword() {
		return null;
	}

	/**
	 * SSL bundle for {@code ssl://} and {@code wss://} URIs.
	 * @return the bundle, or {@code null}
	 */
	default SslBundle getSslBundle() {
		return null;
	}

}
