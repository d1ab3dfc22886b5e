package io.github.mqttboot.listener;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.mqttboot.annotation.MqttListener;
import io.github.mqttboot.annotation.TopicVariable;
import io.github.mqttboot.client.DriverPair;
import io.github.mqttboot.client.ManagedMqttClient;
import io.github.mqttboot.client.MqttMessageProperties;
import io.github.mqttboot.client.OutboundMessage;
import io.github.mqttboot.client.TestClients;
import io.github.mqttboot.testsupport.TestBroker;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.messaging.handler.annotation.SendTo;

import static io.github.mqttboot.listener.ListenerTestSupport.connected;
import static io.github.mqttboot.listener.ListenerTestSupport.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.awaitility.Awaitility.await;

/**
 * {@code @MqttListener} methods against a test broker, one scenario each, for every driver and
 * protocol.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.github.mqttboot.client.DriverPair#pairs")
class MqttListenerIntegrationTests {

	@Parameter
	DriverPair pair;

	@RegisterExtension
	static final TestBroker broker = TestBroker.create();

	record Reading(String sensor, @Min(-50) double value) {
	}

	@Test
	void bindsStringPayloadHeadersAndTopicVariables() {
		ListenerTestSupport.runner(this.pair, broker.uri())
			.withPropertyValues("test.root=plant")
			.withUserConfiguration(HeaderListener.class)
			.run((context) -> {
				ManagedMqttClient client = connected(context);
				publish(client, "plant/boiler-7/temp", "81.5");
				assertThat(context.getBean(HeaderListener.class).received.first.get(10, TimeUnit.SECONDS))
					.isEqualTo("81.5|plant/boiler-7/temp|1|boiler-7");
			});
	}

	@Test
	void bindsMqtt5PropertiesAsHeaders() {
		assumeTrue(this.pair.isMqtt5(), "MQTT 3.1.1 carries no message properties");
		ListenerTestSupport.runner(this.pair, broker.uri()).withUserConfiguration(PropertiesListener.class).run((context) -> {
			ManagedMqttClient client = connected(context);
			client.publish(new OutboundMessage("props/1", "x".getBytes(StandardCharsets.UTF_8), 1, false,
					new MqttMessageProperties("text/plain", "answers/here", new byte[] { 7 }, Map.of("tenant", "acme"))))
				.get(10, TimeUnit.SECONDS);
			assertThat(context.getBean(PropertiesListener.class).received.first.get(10, TimeUnit.SECONDS))
				.isEqualTo("acme|text/plain|answers/here|7|{tenant=acme}");
		});
	}

	@Test
	void convertsJsonIntoARecordAndMessage() {
		ListenerTestSupport.runner(this.pair, broker.uri()).withUserConfiguration(JsonListener.class).run((context) -> {
			ManagedMqttClient client = connected(context);
			publish(client, "json/r", "{\"sensor\":\"s1\",\"value\":20.5}");
			JsonListener listener = context.getBean(JsonListener.class);
			assertThat(listener.records.first.get(10, TimeUnit.SECONDS)).isEqualTo(new Reading("s1", 20.5));
			assertThat(listener.messages.first.get(10, TimeUnit.SECONDS)).isEqualTo(new Reading("s1", 20.5));
		});
	}

	@Test
	void poisonMessagesGoToTheErrorHandlerAndNeverStopTheClient() {
		ListenerTestSupport.runner(this.pair, broker.uri()).withUserConfiguration(ValidatingListener.class).run((context) -> {
			ManagedMqttClient client = connected(context);
			publish(client, "valid/r", "not json");
			publish(client, "valid/r", "{\"sensor\":\"cold\",\"value\":-99}");
			publish(client, "valid/r", "{\"sensor\":\"ok\",\"value\":1}");
			ValidatingListener listener = context.getBean(ValidatingListener.class);
			assertThat(listener.received.first.get(10, TimeUnit.SECONDS)).isEqualTo(new Reading("ok", 1));
			await().atMost(TestClients.await()).until(() -> listener.errors.values.size() == 2);
			assertThat(listener.errors.values).allSatisfy((error) -> assertThat(error).asString().contains("valid"));
			assertThat(client.isConnected()).isTrue();
			assertThat(listener.received.values).hasSize(1);
			MqttListenerEndpointRegistry registry = context.getBean(MqttListenerEndpointRegistry.class);
			assertThat(registry.getListenerContainer("validating").getErrorCount()).isEqualTo(2);
		});
	}

	@Test
	void failedMessagesAreDeadLetteredWithTheError() {
		ListenerTestSupport.runner(this.pair, broker.uri())
			.withPropertyValues("mqtt.listener.dead-letter-topic=dlq/all")
			.withUserConfiguration(FailingListener.class)
			.run((context) -> {
				ManagedMqttClient client = connected(context);
				CompletableFuture<String> deadLetter = new CompletableFuture<>();
				client.subscribe("dlq/all", 1, (message) -> deadLetter.complete(
						new String(message.payload(), StandardCharsets.UTF_8) + "|"
								+ message.properties().userProperties().get(MqttHeaderNames.ERROR) + "|"
								+ message.properties().userProperties().get(MqttHeaderNames.ORIGINAL_TOPIC)))
					.get(5, TimeUnit.SECONDS);
				publish(client, "fail/1", "boom");
				if (this.pair.isMqtt5()) {
					assertThat(deadLetter.get(10, TimeUnit.SECONDS)).startsWith("boom|")
						.contains("IllegalStateException: cannot handle boom")
						.endsWith("|fail/1");
				}
				else {
					// MQTT 3.1.1 has no user properties: the payload alone is dead-lettered
					assertThat(deadLetter.get(10, TimeUnit.SECONDS)).isEqualTo("boom|null|null");
				}
			});
	}

	@Test
	void returnValueIsPublishedToSendTo() {
		ListenerTestSupport.runner(this.pair, broker.uri()).withUserConfiguration(ReplyingListener.class).run((context) -> {
			ManagedMqttClient client = connected(context);
			CompletableFuture<String> reply = new CompletableFuture<>();
			client.subscribe("replies/upper", 1,
					(message) -> reply.complete(new String(message.payload(), StandardCharsets.UTF_8)))
				.get(5, TimeUnit.SECONDS);
			publish(client, "requests/upper", "hello");
			assertThat(reply.get(10, TimeUnit.SECONDS)).isEqualTo("HELLO");
		});
	}

	@Test
	void keepsOrderPerTopicWithConcurrentWorkers() {
		ListenerTestSupport.runner(this.pair, broker.uri()).withUserConfiguration(ConcurrentListener.class).run((context) -> {
			ManagedMqttClient client = connected(context);
			ConcurrentListener listener = context.getBean(ConcurrentListener.class);
			// batches within Mosquitto's in-flight window (20): when that window is full, Mosquitto
			// 2.0.11 was seen to send a 3.1.1 subscriber a message ahead of 10 queued earlier ones
			// (the driver had sent them in order); the container's order is what is under test
			for (int batch = 0; batch < 200; batch += 16) {
				for (int i = batch; i < Math.min(200, batch + 16); i++) {
					client.publish("order/" + (i % 4), String.valueOf(i).getBytes(StandardCharsets.UTF_8), 1, false);
				}
				int sent = Math.min(200, batch + 16);
				await().atMost(TestClients.await()).until(() -> listener.received.values.size() == sent);
			}
			for (int topic = 0; topic < 4; topic++) {
				String prefix = "order/" + topic + ":";
				List<Integer> sequence = listener.received.values.stream()
					.map(String::valueOf)
					.filter((value) -> value.startsWith(prefix))
					.map((value) -> Integer.parseInt(value.substring(prefix.length())))
					.toList();
				assertThat(sequence).hasSize(50).isSorted();
			}
			assertThat(listener.threads).allMatch((name) -> name.startsWith("mqtt-mqttClient-listener-"));
			assertThat(listener.threads.stream().distinct().count()).isGreaterThan(1);
		});
	}

	@Test
	void aListenerThatGetsNoMessageHoldsNoThread() {
		ListenerTestSupport.runner(this.pair, broker.uri()).withUserConfiguration(BusyAndQuietListeners.class).run((context) -> {
			ManagedMqttClient client = connected(context);
			BusyAndQuietListeners listeners = context.getBean(BusyAndQuietListeners.class);
			publish(client, "busy/1", "x");
			Object busyThread = listeners.busy.first.get(10, TimeUnit.SECONDS);
			assertThat(client.getOwnedThreads()).extracting(Thread::getName)
				.filteredOn((name) -> name.startsWith("mqtt-mqttClient-listener-"))
				.containsExactly((String) busyThread);
		});
	}

	@Test
	void recordsListenerMeters() {
		ListenerTestSupport.runner(this.pair, broker.uri()).withUserConfiguration(FailingListener.class).run((context) -> {
			ManagedMqttClient client = connected(context);
			publish(client, "fail/2", "x");
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			await().atMost(TestClients.await())
				.until(() -> registry.find("mqtt.listener").tags("listener", "failing", "outcome", "failure").timer() != null
						&& registry.get("mqtt.listener").tags("outcome", "failure").timer().count() == 1);
			assertThat(registry.get("mqtt.messages.received")
				.tags("client", "mqttClient", "listener", "failing", "qos", "1")
				.counter()
				.count()).isOne();
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class HeaderListener {

		final ListenerTestSupport.Received received = new ListenerTestSupport.Received();

		@MqttListener(topics = "${test.root}/{device}/temp")
		void on(String payload, @Header(MqttHeaderNames.RECEIVED_TOPIC) String topic,
				@Header(MqttHeaderNames.RECEIVED_QOS) int qos, @TopicVariable String device) {
			this.received.add(payload + "|" + topic + "|" + qos + "|" + device);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PropertiesListener {

		final ListenerTestSupport.Received received = new ListenerTestSupport.Received();

		@MqttListener(topics = "props/+")
		String on(String payload, @Header("tenant") String tenant,
				@Header(MessageHeaders.CONTENT_TYPE) String contentType,
				@Header(MqttHeaderNames.RESPONSE_TOPIC) String responseTopic,
				@Header(MqttHeaderNames.CORRELATION_DATA) byte[] correlation,
				@Header(MqttHeaderNames.USER_PROPERTIES) Map<String, String> userProperties) {
			this.received.add(tenant + "|" + contentType + "|" + responseTopic + "|" + correlation[0] + "|"
					+ userProperties);
			return null;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class JsonListener {

		final ListenerTestSupport.Received records = new ListenerTestSupport.Received();

		final ListenerTestSupport.Received messages = new ListenerTestSupport.Received();

		@MqttListener(topics = "json/+")
		void record(Reading reading) {
			this.records.add(reading);
		}

		@MqttListener(topics = "json/+")
		void message(Message<Reading> message) {
			this.messages.add(message.getPayload());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ValidatingListener {

		final ListenerTestSupport.Received received = new ListenerTestSupport.Received();

		final ListenerTestSupport.Received errors = new ListenerTestSupport.Received();

		@MqttListener(id = "validating", topics = "valid/+", errorHandler = "collectingErrorHandler")
		void on(@Payload @Valid Reading reading) {
			this.received.add(reading);
		}

		@Bean
		MqttListenerErrorHandler collectingErrorHandler() {
			return (message, exception) -> this.errors.add(exception.getListenerId() + " " + exception.getMessage());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class FailingListener {

		@MqttListener(id = "failing", topics = "fail/+")
		void on(String payload) {
			throw new IllegalStateException("cannot handle " + payload);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ReplyingListener {

		@MqttListener(topics = "requests/upper")
		@SendTo("replies/upper")
		String upper(String text) {
			return text.toUpperCase();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BusyAndQuietListeners {

		final ListenerTestSupport.Received busy = new ListenerTestSupport.Received();

		@MqttListener(topics = "busy/+")
		void busy(String payload) {
			this.busy.add(Thread.currentThread().getName());
		}

		@MqttListener(topics = "quiet/+")
		void quiet(String payload) {
			throw new IllegalStateException("no message was sent to quiet/+");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ConcurrentListener {

		final ListenerTestSupport.Received received = new ListenerTestSupport.Received();

		final List<String> threads = new java.util.concurrent.CopyOnWriteArrayList<>();

		@MqttListener(topics = "order/+", concurrency = "4")
		void on(String payload, @Header(MqttHeaderNames.RECEIVED_TOPIC) String topic) {
			this.threads.add(Thread.currentThread().getName());
			this.received.add(topic + ":" + payload);
		}

	}

}
