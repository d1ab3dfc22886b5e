package io.github.mqttboot.core;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.github.mqttboot.client.DriverPair;
import io.github.mqttboot.client.InboundMessage;
import io.github.mqttboot.client.ManagedMqttClient;
import io.github.mqttboot.client.MqttMessageProperties;
import io.github.mqttboot.client.OffloadingFuture;
import io.github.mqttboot.client.OutboundMessage;
import io.github.mqttboot.client.TestClients;
import io.github.mqttboot.observation.MqttPublishObservationContext;
import io.github.mqttboot.testsupport.TestBroker;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * A request/response round trip through {@link MqttTemplate} makes no thread hop of its own once
 * the reply topic is subscribed: the request goes out on the caller's thread and a reply wanted
 * as bytes completes the caller's future on the reading thread, while what the caller chains to
 * that future still runs on the client's callback threads.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.github.mqttboot.client.DriverPair#pairs")
class MqttTemplateRequestThreadsTests {

	@Parameter
	DriverPair pair;

	@RegisterExtension
	static final TestBroker broker = TestBroker.create();

	private ManagedMqttClient client;

	private MqttTemplate template;

	/** The threads that requests were published on, in order. */
	private final List<String> publishThreads = new CopyOnWriteArrayList<>();

	/** Requests received, answered when a test says so. */
	private final LinkedBlockingQueue<InboundMessage> requests = new LinkedBlockingQueue<>();

	@BeforeEach
	void start() throws Exception {
		assumeThat(this.pair.isMqtt5()).as("request/response needs MQTT 5").isTrue();
		this.client = TestClients.client(this.pair, "requests", broker.uri());
		this.client.start();
		await().atMost(TestClients.await()).until(this.client::isConnected);
		this.client.subscribe("service/echo", 1, this.requests::add).get(5, TimeUnit.SECONDS);
		this.template = new MqttTemplate(this.client, new MqttPayloadConverter(JsonMapper.builder().build()), 1);
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new PublishThreads());
		this.template.setObservationRegistry(registry);
	}

	@AfterEach
	void stop() {
		if (this.client != null) {
			this.client.stop();
		}
	}

	@Test
	void aRequestIsSentOnTheCallersThreadOnceTheReplyTopicIsSubscribed() throws Exception {
		CompletableFuture<byte[]> first = request("first");
		answer();
		first.get(10, TimeUnit.SECONDS);
		CompletableFuture<byte[]> second = request("second");
		answer();
		second.get(10, TimeUnit.SECONDS);
		assertThat(this.publishThreads).hasSize(2).last().isEqualTo(Thread.currentThread().getName());
	}

	@Test
	void aReplyAsBytesCompletesOnTheReadingThreadAndItsDependentsOnCallbackThreads() throws Exception {
		CompletableFuture<byte[]> reply = request("reply");
		CompletableFuture<String> completedOn = new CompletableFuture<>();
		assertThat(reply).isInstanceOf(OffloadingFuture.class);
		((OffloadingFuture<byte[]>) reply)
			.whenCompleteInline((bytes, failure) -> completedOn.complete(Thread.currentThread().getName()));
		answer();
		// waits on another future: a thread waiting on the reply, or running one of its
		// dependents, may help run the reply's remaining completions (CompletableFuture does)
		assertThat(completedOn.get(10, TimeUnit.SECONDS)).doesNotContain("-callback-")
			.isNotEqualTo(Thread.currentThread().getName());
		String dependentOn = reply.thenApply((bytes) -> Thread.currentThread().getName()).get(10, TimeUnit.SECONDS);
		assertThat(new String(reply.get(), StandardCharsets.UTF_8)).isEqualTo("echo:reply");
		assertThat(dependentOn).startsWith("mqtt-requests-callback-");
	}

	private CompletableFuture<byte[]> request(String text) {
		return this.template.request("service/echo", text.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(10));
	}

	/** Answers the next request with its payload after {@code echo:}. */
	private void answer() throws InterruptedException {
		InboundMessage request = this.requests.poll(10, TimeUnit.SECONDS);
		assertThat(request).as("a request arrived").isNotNull();
		MqttMessageProperties properties = new MqttMessageProperties(null, null,
				request.properties().correlationData(), Map.of());
		byte[] reply = ("echo:" + new String(request.payload(), StandardCharsets.UTF_8))
			.getBytes(StandardCharsets.UTF_8);
		this.client.publish(new OutboundMessage(request.properties().responseTopic(), reply, 1, false, properties));
	}

	/** Records the thread each request's publish starts on. */
	private final class PublishThreads implements ObservationHandler<MqttPublishObservationContext> {

		@Override
		public void onStart(MqttPublishObservationContext context) {
			if ("service/echo".equals(context.getTopic())) {
				MqttTemplateRequestThreadsTests.this.publishThreads.add(Thread.currentThread().getName());
			}
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return context instanceof MqttPublishObservationContext;
		}

	}

}
