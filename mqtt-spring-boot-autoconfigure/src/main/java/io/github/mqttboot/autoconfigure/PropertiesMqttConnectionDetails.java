package io.github.mqttboot.autoconfigure;

import java.util.List;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.util.StringUtils;

/**
 * Adapts {@link MqttProperties} to {@link MqttConnectionDetails}.
 *
 * @author mqtt-spring-boot-starter
 */
class PropertiesMqttConnectionDetails implements MqttConnectionDetails {

	static final String DEFAULT_SERVER_URI = "tcp://localhost:1883";

	private final MqttProperties properties;

	private final SslBundles sslBundles;

	PropertiesMqttConnectionDetails(MqttProperties properties, SslBundles sslBundles) {
		this.properties = properties;
		this.sslBundles = sslBundles;
	}

	@Override
	public List<String> getServerUris() {
		List<String> uris = this.properties.getServerUris();
		return (uris == null || uris.isEmpty()) ? List.of(DEFAULT_SERVER_URI) : uris;
	}

	@Override
	public String getUsername() {
		return this.properties.getUsername();
	}

	@Override
	public String getPassword() {
		return this.properties.getPassword();
	}

	@Override
	public SslBundle getSslBundle() {
		String bundle = this.properties.getSsl().getBundle();
		if (!StringUtils.hasText(bundle)) {
			return null;
		}
		if (this.sslBundles == null) {
			throw new InvalidMqttPropertyException("mqtt.ssl.bundle", bundle, "no SSL bundles are configured");
		}
		return this.sslBundles.getBundle(bundle);
	}

}
