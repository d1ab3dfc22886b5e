package io.github.mqttboot.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.github.mqttboot.autoconfigure.MqttAutoConfiguration;
import io.github.mqttboot.client.DriverPair;
import io.github.mqttboot.client.ManagedMqttClient;
import io.github.mqttboot.client.PublishResult;
import io.github.mqttboot.client.TestClients;
import io.github.mqttboot.testsupport.TestBroker;
import io.github.mqttboot.testsummary.TestBrokerSelection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link MqttTemplate} publishes MQTT 5 properties, from {@link MqttPublishOptions} and from a
 * Spring {@code Message}'s headers, as {@code mosquitto_sub -V 5 -F} sees them; MQTT 3.1.1
 * refuses what it cannot carry instead of dropping it.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.github.mqttboot.client.DriverPair#pairs")
class MqttTemplatePublishOptionsTests {

	private static final Path MOSQUITTO_SUB = Path.of("/usr/bin/mosquitto_sub");

	@Parameter
	DriverPair pair;

	@RegisterExtension
	static final TestBroker broker = TestBroker.create();

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, MqttAutoConfiguration.class))
			.withPropertyValues("mqtt.server-uris=" + broker.uri())
			.withPropertyValues(this.pair.properties());
	}

	@Test
	void messageExpiryAndUserPropertiesReachTheBroker() throws Exception {
		assumeThat(this.pair.isMqtt5()).as("MQTT 5 properties").isTrue();
		assumeThat(Files.isExecutable(MOSQUITTO_SUB)).as(TestBrokerSelection.MOSQUITTO_NOT_INSTALLED + " [needs mosquitto_sub]")
			.isTrue();
		String topic = "options/" + this.pair.name().toLowerCase();
		runner().run((context) -> {
			connected(context);
			MqttTemplate template = context.getBean(MqttTemplate.class);
			// retained, so that the subscriber started afterwards receives it
			template.publish(topic, "21.5", MqttPublishOptions.builder()
				.qos(1)
				.retained(true)
				.messageExpiry(Duration.ofMinutes(5))
				.userProperty("site", "berlin")
				.payloadFormatUtf8(true)
				.build()).get(10, TimeUnit.SECONDS);
			String seen = subscribeOnce(topic, "%E|%P|%F|%p");
			assertThat(seen).matches("(29\\d|300)\\|site:berlin\\|1\\|21\\.5");
		});
	}

	@Test
	void aMessagesHeadersMapToMqtt5Properties() throws Exception {
		assumeThat(this.pair.isMqtt5()).as("MQTT 5 properties").isTrue();
		assumeThat(Files.isExecutable(MOSQUITTO_SUB)).as(TestBrokerSelection.MOSQUITTO_NOT_INSTALLED + " [needs mosquitto_sub]")
			.isTrue();
		String topic = "message/" + this.pair.name().toLowerCase();
		runner().run((context) -> {
			connected(context);
			MqttTemplate template = context.getBean(MqttTemplate.class);
			template.publish(MessageBuilder.withPayload("on")
				.setHeader("mqtt_topic", topic)
				.setHeader("mqtt_qos", 1)
				.setHeader("mqtt_retained", true)
				.setHeader("mqtt_responseTopic", "replies/1")
				.setHeader("mqtt_messageExpiryInterval", 60L)
				.setHeader("mqtt_userProperties", Map.of("room", "kitchen"))
				.build()).get(10, TimeUnit.SECONDS);
			assertThat(subscribeOnce(topic, "%R|%P|%p")).isEqualTo("replies/1|room:kitchen|on");
		});
	}

	@Test
	void aMessageWithoutTopicFailsItsFuture() {
		runner().run((context) -> {
			CompletableFuture<PublishResult> published = context.getBean(MqttTemplate.class)
				.publish(MessageBuilder.withPayload("x").build());
			assertThat(catchThrowable(() -> published.get(5, TimeUnit.SECONDS))).isInstanceOf(ExecutionException.class)
				.cause()
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("mqtt_topic");
		});
	}

	@Test
	void mqtt311RefusesWhatItCannotCarry() {
		assumeThat(this.pair.isMqtt5()).as("MQTT 3.1.1").isFalse();
		runner().run((context) -> {
			connected(context);
			CompletableFuture<PublishResult> published = context.getBean(MqttTemplate.class)
				.publish("options/v3", "x", MqttPublishOptions.builder().userProperty("site", "berlin").build());
			assertThat(catchThrowable(() -> published.get(5, TimeUnit.SECONDS))).isInstanceOf(ExecutionException.class)
				.cause()
				.isInstanceOf(UnsupportedOperationException.class)
				.hasMessageContaining("mqtt.protocol-version");
			// without MQTT 5 properties it publishes
			context.getBean(MqttTemplate.class)
				.publish("options/v3", "x", MqttPublishOptions.builder().qos(1).build())
				.get(10, TimeUnit.SECONDS);
		});
	}

	private static void connected(org.springframework.context.ApplicationContext context) {
		ManagedMqttClient client = context.getBean(ManagedMqttClient.class);
		await().atMost(TestClients.await()).until(client::isConnected);
	}

	private static String subscribeOnce(String topic, String format) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(MOSQUITTO_SUB.toString(), "-h", "127.0.0.1", "-p",
				String.valueOf(broker.port()), "-V", "5", "-t", topic, "-C", "1", "-W", "10", "-F", format)
			.redirectErrorStream(true)
			.start();
		assertThat(process.waitFor(15, TimeUnit.SECONDS)).as("mosquitto_sub received").isTrue();
		return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
	}

}
