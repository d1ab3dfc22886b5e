package io.github.mqttboot.leak;

import java.util.concurrent.CountDownLatch;

import io.github.mqttboot.client.ManagedMqttClient;
import io.github.mqttboot.client.TestClients;
import io.github.mqttboot.client.driver.ConnectRequest;
import io.github.mqttboot.client.driver.DriverConnection;
import io.github.mqttboot.client.driver.DriverListener;
import io.github.mqttboot.client.driver.MqttDriver;
import io.github.mqttboot.client.driver.paho.PahoV5Driver;
import io.github.mqttboot.testsupport.FaultProxy;
import io.github.mqttboot.testsupport.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What slips through shows: a driver that strands a thread per connection makes the client warn
 * once, with the threads' names and stacks, and report the count.
 */
@ExtendWith(OutputCaptureExtension.class)
class StrandedThreadsTests {

	@RegisterExtension
	static final TestBroker broker = TestBroker.create();

	@Test
	void strandedThreadsAreWarnedAboutAndExposed(CapturedOutput output) {
		CountDownLatch never = new CountDownLatch(1);
		MqttDriver paho = new PahoV5Driver();
		MqttDriver leaky = new MqttDriver() {

			@Override
			public DriverConnection connect(ConnectRequest request, DriverListener listener) {
				// a stuck worker in the connection's pool role, as Paho's own leak would leave
				request.threads().factory(paho.threadRole()).newThread(() -> awaitQuietly(never)).start();
				return paho.connect(request, listener);
			}

			@Override
			public String threadRole() {
				return paho.threadRole();
			}

			@Override
			public int threadsPerConnection() {
				return paho.threadsPerConnection();
			}

		};
		try (FaultProxy proxy = FaultProxy.to(broker.port())) {
			ManagedMqttClient client = new ManagedMqttClient("leaky", TestClients.settings(proxy.uri()), leaky);
			client.start();
			try {
				await().atMost(TestClients.await()).until(client::isConnected);
				proxy.resetEstablished();
				await().atMost(TestClients.await()).until(() -> client.isConnected() && client.getStrandedThreads() >= 1);
				assertThat(output).contains("thread(s) of ended MQTT connections are still alive")
					.contains("mqtt-leaky-paho-")
					.contains("awaitQuietly");
			}
			finally {
				never.countDown();
				client.stop();
			}
		}
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
