package io.github.mqttboot.core;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.mqttboot.client.ManagedMqttClient;
import io.github.mqttboot.client.TestClients;
import io.github.mqttboot.testsupport.TestBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;
import static org.awaitility.Awaitility.await;

/**
 * A request nobody answers fails with a {@link TimeoutException} once its own timeout has passed,
 * also when requests with longer timeouts are already waiting, and leaves nothing behind.
 */
class MqttTemplateRequestTimeoutTests {

	@RegisterExtension
	static final TestBroker broker = TestBroker.create();

	private ManagedMqttClient client;

	private MqttTemplate template;

	@BeforeEach
	void start() {
		this.client = TestClients.client("timeouts", broker.uri());
		this.client.start();
		await().atMost(TestClients.await()).until(this.client::isConnected);
		this.template = new MqttTemplate(this.client, new MqttPayloadConverter(JsonMapper.builder().build()), 1);
	}

	@AfterEach
	void stop() {
		this.client.stop();
	}

	@Test
	void anUnansweredRequestFailsWithATimeoutNamingItsTopic() {
		CompletableFuture<byte[]> reply = this.template.request("nobody/listens", "ping", Duration.ofMillis(300));
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> reply.get(10, TimeUnit.SECONDS))
			.havingCause()
			.isInstanceOf(TimeoutException.class)
			.withMessage("No reply to the request to 'nobody/listens' within 300 ms");
	}

	@Test
	void aShortTimeoutEndsOnTimeBehindALongerOne() throws Exception {
		CompletableFuture<byte[]> patient = this.template.request("nobody/listens", "long", Duration.ofMinutes(10));
		long start = System.nanoTime();
		CompletableFuture<byte[]> hurried = this.template.request("nobody/listens", "short", Duration.ofMillis(300));
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> hurried.get(10, TimeUnit.SECONDS))
			.havingCause()
			.isInstanceOf(TimeoutException.class);
		assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(300L, 5_000L);
		assertThat(patient).isNotDone();
		patient.cancel(false);
	}

	@Test
	void aRequestThatTimedOutIsForgotten() throws Exception {
		for (int i = 0; i < 20; i++) {
			CompletableFuture<byte[]> reply = this.template.request("nobody/listens", "ping", Duration.ofMillis(50));
			assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> reply.get(10, TimeUnit.SECONDS));
		}
		assertThat(this.template).extracting("requestReplies.pending").asInstanceOf(MAP).isEmpty();
	}

}
