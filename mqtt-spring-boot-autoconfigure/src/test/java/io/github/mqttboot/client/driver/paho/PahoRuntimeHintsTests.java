package io.github.mqttboot.client.driver.paho;

import java.util.logging.LogManager;

import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.internal.ClientComms;
import org.eclipse.paho.mqttv5.client.internal.TCPNetworkModuleFactory;
import org.eclipse.paho.mqttv5.client.logging.JSR47Logger;
import org.eclipse.paho.mqttv5.client.websocket.WebSocketSecureNetworkModuleFactory;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;

import static org.assertj.core.api.Assertions.assertThat;

class PahoRuntimeHintsTests {

	private final RuntimeHints hints = new RuntimeHints();

	PahoRuntimeHintsTests() {
		new PahoRuntimeHints().registerHints(this.hints, getClass().getClassLoader());
	}

	@Test
	void qos2ReleaseReachesPahosInternals() throws Exception {
		assertThat(RuntimeHintsPredicates.reflection().onFieldAccess(MqttAsyncClient.class, "comms")).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onMethodInvocation(ClientComms.class.getDeclaredMethod("deliveryComplete", int.class))).accepts(this.hints);
	}

	@Test
	void networkModulesFoundByTheServiceLoaderCanBeCreated() throws Exception {
		assertThat(RuntimeHintsPredicates.resource()
			.forResource("META-INF/services/org.eclipse.paho.mqttv5.client.spi.NetworkModuleFactory")).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onConstructorInvocation(TCPNetworkModuleFactory.class.getConstructor())).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onConstructorInvocation(WebSocketSecureNetworkModuleFactory.class.getConstructor())).accepts(this.hints);
	}

	@Test
	void loggerAndMessagesLoadedByName() throws Exception {
		assertThat(RuntimeHintsPredicates.reflection().onConstructorInvocation(JSR47Logger.class.getConstructor()))
			.accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(LogManager.class)
			.withMemberCategory(MemberCategory.INVOKE_PUBLIC_METHODS)).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.resource().forBundle("org.eclipse.paho.mqttv5.client.internal.nls.logcat"))
			.accepts(this.hints);
		assertThat(RuntimeHintsPredicates.resource().forBundle("org.eclipse.paho.mqttv5.common.nls.messages"))
			.accepts(this.hints);
	}

	@Test
	void theMqtt311ClientToo() {
		assertThat(RuntimeHintsPredicates.resource()
			.forResource("META-INF/services/org.eclipse.paho.client.mqttv3.spi.NetworkModuleFactory")).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(org.eclipse.paho.client.mqttv3.logging.JSR47Logger.class))
			.accepts(this.hints);
	}

}
