package io.github.mqttboot.annotation;

import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.annotation.ReflectiveRuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.SendTo;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What AOT registers for a bean with {@code @MqttListener} methods, as Spring's
 * {@code ReflectiveProcessorBeanFactoryInitializationAotProcessor} does for every bean class.
 */
class MqttListenerReflectiveProcessorTests {

	private final RuntimeHints hints = new RuntimeHints();

	MqttListenerReflectiveProcessorTests() {
		new ReflectiveRuntimeHintsRegistrar().registerRuntimeHints(this.hints, Listeners.class);
	}

	@Test
	void listenerMethodsAreInvocable() {
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Listeners.class, "onReading"))
			.accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Listeners.class, "onAlert"))
			.accepts(this.hints);
	}

	@Test
	void otherMethodsAreNot() {
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Listeners.class, "helper"))
			.rejects(this.hints);
	}

	@Test
	void payloadTypesAreBoundFromJson() {
		assertThat(RuntimeHintsPredicates.reflection().onType(Reading.class)).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Reading.class, "value")).accepts(this.hints);
		// the T of Message<T>
		assertThat(RuntimeHintsPredicates.reflection().onType(Alert.class)).accepts(this.hints);
	}

	@Test
	void returnValuesAreBoundToJson() {
		assertThat(RuntimeHintsPredicates.reflection().onType(Reply.class)).accepts(this.hints);
	}

	@Test
	void headersAndTopicVariablesAreNotPayloads() {
		assertThat(RuntimeHintsPredicates.reflection().onType(Sensor.class)).rejects(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(Origin.class)).rejects(this.hints);
	}

	record Reading(String sensor, double value) {
	}

	record Alert(String text) {
	}

	record Reply(String status) {
	}

	record Sensor(String id) {
	}

	record Origin(String host) {
	}

	static class Listeners {

		@MqttListener(topics = "sensors/{sensor}")
		@SendTo("replies")
		Reply onReading(Reading reading, @TopicVariable("sensor") Sensor sensor,
				@Header("mqtt_receivedTopic") Origin topic) {
			return new Reply("ok");
		}

		@MqttListener(topics = "alerts")
		void onAlert(Message<Alert> alert) {
		}

		void helper(Reading reading) {
		}

	}

}
