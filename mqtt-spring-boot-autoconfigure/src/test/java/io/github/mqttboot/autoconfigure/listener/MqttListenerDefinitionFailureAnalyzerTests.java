package io.github.mqttboot.autoconfigure.listener;

import io.github.mqttboot.annotation.MqttListener;
import io.github.mqttboot.annotation.TopicVariable;
import io.github.mqttboot.autoconfigure.MqttAutoConfiguration;
import io.github.mqttboot.listener.MqttListenerDefinitionException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.SendTo;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A listener signature that cannot be bound fails startup with a failure analysis naming the
 * method and the parameter, not on every message.
 */
class MqttListenerDefinitionFailureAnalyzerTests {

	// no broker needed: startup fails before the client connects
	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, MqttAutoConfiguration.class,
				MqttListenerAutoConfiguration.class))
		.withPropertyValues("mqtt.server-uris=tcp://127.0.0.1:1");

	@Test
	void twoPayloadParametersFailStartupNamingTheMethodAndBoth() {
		FailureAnalysis analysis = analyze(TwoPayloads.class);
		assertThat(analysis.getDescription()).contains("TwoPayloads.onReading()")
			.contains("#0 'first' (String)")
			.contains("#1 'second' (String)")
			.contains("both take the payload");
		assertThat(analysis.getAction()).contains("Keep one payload parameter");
	}

	@Test
	void aTopicVariableMissingFromATopicFailsStartupNamingIt() {
		FailureAnalysis analysis = analyze(MissingVariable.class);
		assertThat(analysis.getDescription()).contains("MissingVariable.onReading()")
			.contains("'room'")
			.contains("'sensors/{sensor}/temperature'");
	}

	@Test
	void headersAndTopicVariablesBesideOnePayloadStart() {
		this.runner.withUserConfiguration(Bindable.class).run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void aQosOutOfRangeFailsStartupNamingTheMethod() {
		FailureAnalysis analysis = analyze(BadQos.class);
		assertThat(analysis.getDescription()).contains("BadQos.onReading()").contains("qos 3");
	}

	@Test
	void aSendToTopicWithAWildcardFailsStartupNamingTheMethod() {
		FailureAnalysis analysis = analyze(WildcardReply.class);
		assertThat(analysis.getDescription()).contains("WildcardReply.onRequest()").contains("@SendTo topic 'replies/+'");
	}

	@Test
	void aDeadLetterTopicWithAWildcardFailsStartupNamingTheMethod() {
		FailureAnalysis analysis = analyze(WildcardDeadLetter.class);
		assertThat(analysis.getDescription()).contains("WildcardDeadLetter.onReading()")
			.contains("deadLetterTopic topic 'dead/#'");
	}

	private FailureAnalysis analyze(Class<?> configuration) {
		FailureAnalysis[] analysis = new FailureAnalysis[1];
		this.runner.withUserConfiguration(configuration).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasRootCauseInstanceOf(MqttListenerDefinitionException.class);
			analysis[0] = new MqttListenerDefinitionFailureAnalyzer().analyze(context.getStartupFailure());
		});
		assertThat(analysis[0]).isNotNull();
		return analysis[0];
	}

	@Configuration(proxyBeanMethods = false)
	static class WildcardReply {

		@MqttListener(topics = "requests/+")
		@SendTo("replies/+")
		String onRequest(String request) {
			return request;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class WildcardDeadLetter {

		@MqttListener(topics = "sensors/+", deadLetterTopic = "dead/#")
		void onReading(String reading) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TwoPayloads {

		@MqttListener(topics = "sensors/+/temperature")
		void onReading(String first, String second) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class MissingVariable {

		@MqttListener(topics = "sensors/{sensor}/temperature")
		void onReading(String payload, @TopicVariable String room) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Bindable {

		@MqttListener(topics = { "sensors/{sensor}/temperature", "rooms/{sensor}/temperature" })
		void onReading(String payload, @TopicVariable String sensor, @Header("mqtt_receivedTopic") String topic) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BadQos {

		@MqttListener(topics = "sensors/+/temperature", qos = 3)
		void onReading(String payload) {
		}

	}

}
