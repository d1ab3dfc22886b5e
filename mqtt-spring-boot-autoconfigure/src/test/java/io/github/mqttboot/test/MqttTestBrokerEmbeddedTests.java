package io.github.mqttboot.test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.mqttboot.autoconfigure.MqttAutoConfiguration;
import io.github.mqttboot.autoconfigure.embedded.MqttEmbeddedBrokerAutoConfiguration;
import io.github.mqttboot.core.MqttTemplate;
import io.github.mqttboot.embedded.EmbeddedMqttBroker;
import io.github.mqttboot.test.MqttTestBroker.Kind;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @MqttTestBroker(EMBEDDED)} on a Spring Boot test of the starter: the test broker is
 * the starter's embedded one (reached by name from mqtt-spring-boot-test), the
 * auto-configured embedded broker stays off, and the application's template reaches a
 * {@link MqttTestSubscriber}.
 */
@SpringBootTest(classes = MqttTestBrokerEmbeddedTests.Config.class)
@MqttTestBroker(Kind.EMBEDDED)
// closed after the class: a cached context would keep its client and broker running beside the
// other tests of this JVM, which count every MQTT thread
@DirtiesContext
class MqttTestBrokerEmbeddedTests {

	@Autowired
	private TestMqttBroker broker;

	@Autowired
	private MqttTemplate template;

	@Autowired
	private ApplicationContext context;

	@Test
	void templatePublishesToTheTestBroker() throws Exception {
		assertThat(this.broker.getKind()).isEqualTo(Kind.EMBEDDED);
		assertThat(this.context.getBeansOfType(EmbeddedMqttBroker.class)).isEmpty();
		try (MqttTestSubscriber subscriber = MqttTestSubscriber.subscribe(this.broker.getServerUri(), "greetings/+")) {
			this.template.publish("greetings/en", "hello").get(30, TimeUnit.SECONDS);
			ReceivedMqttMessage message = subscriber.awaitMessage(Duration.ofSeconds(10));
			assertThat(message.topic()).isEqualTo("greetings/en");
			assertThat(message.payloadAsString()).isEqualTo("hello");
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ JacksonAutoConfiguration.class, MqttEmbeddedBrokerAutoConfiguration.class,
			MqttAutoConfiguration.class })
	static class Config {

	}

}
