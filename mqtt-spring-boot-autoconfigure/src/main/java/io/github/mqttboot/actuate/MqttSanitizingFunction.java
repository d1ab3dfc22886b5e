package io.github.mqttboot.actuate;

import java.util.Locale;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

/**
 * {@link SanitizingFunction} that masks the {@code mqtt.*} credentials in the {@code env} and
 * {@code configprops} endpoints also when their values are shown: any {@code *password} key,
 * and the user info of broker URIs.
 *
 * @author mqtt-spring-boot-starter
 * @since 0.1.0
 */
public class MqttSanitizingFunction implements SanitizingFunction {

	/**
	 * Creates the function.
	 */
	public MqttSanitizingFunction() {
	}

	@Override
	public SanitizableData apply(SanitizableData data) {
		String key = canonical(data.getLowerCaseKey());
		if (!key.startsWith("mqtt.")) {
			return data;
		}
		if (key.endsWith("password")) {
			return data.withSanitizedValue();
		}
		if (data.getValue() instanceof CharSequence text) {
			String sanitized = Credentials.sanitize(text.toString(), null);
			return sanitized.contentEquals(text) ? data : data.withValue(sanitized);
		}
		return data;
	}

	// one form for mqtt.password, MQTT_PASSWORD, mqtt.server-uris[0] and configprops' mqtt.serverUris[0]
	private static String canonical(String key) {
		return key.toLowerCase(Locale.ROOT).replaceAll("\\[\\d+]", "").replace('_', '.').replace("-", "");
	}

}
