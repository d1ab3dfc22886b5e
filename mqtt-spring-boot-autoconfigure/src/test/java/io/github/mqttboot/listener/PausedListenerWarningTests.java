package io.github.mqttboot.listener;

import io.github.mqttboot.annotation.MqttListener;
import io.github.mqttboot.testsupport.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import static io.github.mqttboot.listener.ListenerTestSupport.connected;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pausing a listener warns when it shares its client with running listeners, which it holds up
 * once the messages it holds fill the broker's window for the client.
 */
@ExtendWith(OutputCaptureExtension.class)
class PausedListenerWarningTests {

	@RegisterExtension
	static final TestBroker broker = TestBroker.create();

	@Test
	void pausingAListenerThatSharesItsClientNamesTheListenersItMayHoldUp(CapturedOutput output) {
		ListenerTestSupport.runner(broker.uri()).withUserConfiguration(Neighbours.class).run((context) -> {
			connected(context);
			context.getBean(MqttListenerEndpointRegistry.class).pauseListener("paused");
			assertThat(output).contains("Listener 'paused' of MQTT client 'mqttClient' is paused")
				.contains("its listeners [running] get none either until it is resumed");
		});
	}

	@Test
	void pausingAndResumingForBackPressureWarnsOnceAMinute(CapturedOutput output) {
		ListenerTestSupport.runner(broker.uri()).withUserConfiguration(Neighbours.class).run((context) -> {
			connected(context);
			MqttListenerEndpointRegistry registry = context.getBean(MqttListenerEndpointRegistry.class);
			for (int i = 0; i < 5; i++) {
				registry.pauseListener("paused");
				registry.resumeListener("paused");
			}
			assertThat(output.getOut().split("is paused: once it holds", -1)).hasSize(2);
		});
	}

	@Test
	void pausingTheOnlyRunningListenerOfAClientWarnsOfNothing(CapturedOutput output) {
		ListenerTestSupport.runner(broker.uri()).withUserConfiguration(Neighbours.class).run((context) -> {
			connected(context);
			MqttListenerEndpointRegistry registry = context.getBean(MqttListenerEndpointRegistry.class);
			registry.stopListener("running");
			registry.pauseListener("paused");
			assertThat(output).doesNotContain("is paused: once it holds");
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class Neighbours {

		@MqttListener(id = "paused", topics = "neighbours/paused")
		void paused(String payload) {
		}

		@MqttListener(id = "running", topics = "neighbours/running")
		void running(String payload) {
		}

	}

}
