package io.github.mqttboot.actuate;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.Sanitizer;

import static org.assertj.core.api.Assertions.assertThat;

class MqttSanitizingFunctionTests {

	private final Sanitizer sanitizer = new Sanitizer(List.of(new MqttSanitizingFunction()));

	private Object shown(String key, Object value) {
		return this.sanitizer.sanitize(new SanitizableData(null, key, value), true);
	}

	@Test
	void masksThePassword() {
		assertThat(shown("mqtt.password", "s3cr3t-pass")).isEqualTo(SanitizableData.SANITIZED_VALUE);
	}

	@Test
	void masksThePasswordSetFromAnEnvironmentVariable() {
		assertThat(shown("MQTT_PASSWORD", "s3cr3t-pass")).isEqualTo(SanitizableData.SANITIZED_VALUE);
	}

	@Test
	void masksTheUserInfoOfServerUris() {
		assertThat(shown("mqtt.server-uris[1]", "tcp://bob:s3cr3t@broker:1883"))
			.isEqualTo("tcp://******@broker:1883");
	}

	@Test
	void masksTheUserInfoOfServerUrisInConfigurationProperties() {
		assertThat(shown("mqtt.serverUris[0]", "tcp://bob:s3cr3t@a:1883,ssl://b:8883"))
			.isEqualTo("tcp://******@a:1883,ssl://b:8883");
	}

	@Test
	void leavesOtherMqttValuesAlone() {
		assertThat(shown("mqtt.username", "bob")).isEqualTo("bob");
		assertThat(shown("mqtt.keep-alive", 30)).isEqualTo(30);
	}

	@Test
	void leavesOtherPrefixesToTheirOwnFunctions() {
		assertThat(shown("spring.datasource.password", "other")).isEqualTo("other");
	}

}
