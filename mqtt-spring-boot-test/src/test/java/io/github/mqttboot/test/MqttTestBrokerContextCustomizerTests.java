package io.github.mqttboot.test;

import java.time.Duration;

import io.github.mqttboot.test.MqttTestBroker.Kind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code @MqttTestBroker} on a Spring test: the broker runs before the context and its URI is
 * {@code mqtt.server-uris}.
 */
@SpringJUnitConfig(MqttTestBrokerContextCustomizerTests.Config.class)
@MqttTestBroker(Kind.MOSQUITTO)
class MqttTestBrokerContextCustomizerTests {

	@Autowired
	private TestMqttBroker broker;

	@Value("${mqtt.server-uris}")
	private String serverUris;

	@Value("${mqtt.embedded.enabled}")
	private boolean embeddedEnabled;

	@BeforeAll
	static void mosquittoAvailable() {
		// before the context loads: it would fail without the broker
		assumeTrue(TestBrokers.resolve(Kind.MOSQUITTO) != null, TestBrokers.unavailable(Kind.MOSQUITTO));
	}

	@Test
	void serverUrisPointAtTheRunningBroker() throws Exception {
		assertThat(this.serverUris).isEqualTo(this.broker.getServerUri());
		assertThat(this.embeddedEnabled).isFalse();
		try (MqttTestSubscriber subscriber = MqttTestSubscriber.subscribe(this.serverUris, "t")) {
			TestPublisher.publish(this.serverUris, "t", "hello");
			assertThat(subscriber.awaitMessage(Duration.ofSeconds(10)).payloadAsString()).isEqualTo("hello");
		}
	}

	@Test
	void customizersOfTheSameKindAreEqualSoContextsAreShared() {
		assertThat(new MqttTestBrokerContextCustomizer(Kind.AUTO)).isEqualTo(new MqttTestBrokerContextCustomizer(Kind.AUTO))
			.hasSameHashCodeAs(new MqttTestBrokerContextCustomizer(Kind.AUTO))
			.isNotEqualTo(new MqttTestBrokerContextCustomizer(Kind.EMBEDDED));
	}

	@Test
	void noCustomizerWithoutTheAnnotation() {
		assertThat(new MqttTestBrokerContextCustomizerFactory().createContextCustomizer(String.class, java.util.List.of()))
			.isNull();
	}

	@Configuration(proxyBeanMethods = false)
	static class Config {

	}

}
