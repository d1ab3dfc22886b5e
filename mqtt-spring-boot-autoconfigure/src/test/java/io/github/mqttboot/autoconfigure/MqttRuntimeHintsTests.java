package io.github.mqttboot.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

class MqttRuntimeHintsTests {

	@Test
	void propertiesAndTheirNestedGroupsCanBeBound() {
		RuntimeHints hints = new RuntimeHints();
		new MqttRuntimeHints().registerHints(hints, getClass().getClassLoader());
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(MqttProperties.class, "setServerUris"))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(MqttReconnectProperties.class, "setMaxDelay"))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(MqttListenerProperties.class)).accepts(hints);
	}

	@Test
	void registrarsAreListedInAotFactories() {
		RuntimeHints hints = new RuntimeHints();
		SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
			.load(RuntimeHintsRegistrar.class)
			.forEach((registrar) -> registrar.registerHints(hints, getClass().getClassLoader()));
		assertThat(RuntimeHintsPredicates.reflection().onType(MqttProperties.class)).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onFieldAccess(org.eclipse.paho.mqttv5.client.MqttAsyncClient.class, "comms")).accepts(hints);
	}

}
