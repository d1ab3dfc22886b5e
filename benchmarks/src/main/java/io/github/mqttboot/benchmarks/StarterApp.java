package io.github.mqttboot.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.github.mqttboot.annotation.MqttListener;
import io.github.mqttboot.client.ManagedMqttClient;
import io.github.mqttboot.core.MqttTemplate;
import io.micrometer.tracing.exporter.SpanReporter;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * The starter as an application uses it: a Spring Boot context with the auto-configuration,
 * {@code @MqttListener} beans and {@link MqttTemplate}. The driver and protocol come from
 * properties ({@link Variant}), so another starter column is one more variant.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class StarterApp {

	/**
	 * A configuration of the starter under test.
	 * @param name the column's name
	 * @param properties what it sets on top of the benchmark's properties
	 */
	record Variant(String name, Map<String, String> properties) {
	}

	/** The starter columns: the default driver (Paho, MQTT 5). */
	static final java.util.List<Variant> VARIANTS = java.util.List.of(new Variant("starter", Map.of()));

	/**
	 * The other drivers and protocols side by side: in S1, S2, S3 and S5, and S4 for
	 * MQTT 5 (request/response needs a response topic). Not in S6: its 60 s runs would double the
	 * command, and the drivers' flood test covers slow listeners for every pair.
	 */
	static final java.util.List<Variant> DRIVER_VARIANTS = java.util.List.of(
			new Variant("starter, HiveMQ client v5", Map.of("mqtt.driver", "hivemq")),
			new Variant("starter, HiveMQ client 3.1.1", Map.of("mqtt.driver", "hivemq", "mqtt.protocol-version", "3")),
			new Variant("starter, Paho 3.1.1", Map.of("mqtt.protocol-version", "3")));

	/** Every column but the tracing one leaves Brave's auto-configuration out through it. */
	private static final String EXCLUDE = "spring.autoconfigure.exclude";

	/**
	 * The starter in an application that traces (S1–S4 only): Brave through Micrometer Tracing's
	 * bridge at Spring Boot's default sampling (one trace in ten), each finished span handed to
	 * {@link #SPANS}'s reporter, which exports nothing. The other columns leave Brave's
	 * auto-configuration out, so they run as an application without a tracer.
	 */
	static final Variant TRACING = new Variant("starter, tracing", Map.of(EXCLUDE, ""));

	/** The tracing column with every trace sampled, so a span is recorded for each message (S1). */
	static final Variant TRACING_EVERY_MESSAGE = new Variant("starter, tracing every message",
			Map.of(EXCLUDE, "", "management.tracing.sampling.probability", "1.0"));

	/** Every span the tracing column finished, counted by its reporter. */
	static final AtomicLong SPANS = new AtomicLong();

	/**
	 * The exporter of the tracing column: counts and drops each finished span.
	 * @return the reporter
	 */
	@Bean
	SpanReporter countingSpanReporter() {
		return (span) -> SPANS.incrementAndGet();
	}

	static ConfigurableApplicationContext run(Variant variant, String uri, String clientId, Sink sink,
			Map<String, String> scenario, Class<?>... listeners) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.main.banner-mode", "off");
		properties.put("spring.main.log-startup-info", "false");
		properties.put("logging.level.root", "WARN");
		properties.put("mqtt.server-uris", uri);
		properties.put("mqtt.client-id", clientId);
		properties.put("mqtt.startup.wait-for-connection", "10s");
		properties.put(EXCLUDE, "org.springframework.boot.micrometer.tracing.brave.autoconfigure.BraveAutoConfiguration");
		properties.putAll(scenario);
		properties.putAll(variant.properties());
		Class<?>[] sources = new Class<?>[listeners.length + 1];
		sources[0] = StarterApp.class;
		System.arraycopy(listeners, 0, sources, 1, listeners.length);
		return new SpringApplicationBuilder(sources).web(WebApplicationType.NONE)
			.properties(properties)
			.initializers((context) -> context.getBeanFactory().registerSingleton("benchSink", sink))
			.run();
	}

	static MqttTemplate template(ConfigurableApplicationContext context) {
		return context.getBean(MqttTemplate.class);
	}

	static ManagedMqttClient client(ConfigurableApplicationContext context) {
		return context.getBean(ManagedMqttClient.class);
	}

	/** Counts QoS 0 messages. */
	public static class Qos0Listener {

		private final Sink sink;

		public Qos0Listener(Sink benchSink) {
			this.sink = benchSink;
		}

		@MqttListener(topics = "${bench.topic}", qos = 0)
		public void on(byte[] payload) {
			this.sink.accept();
		}

	}

	/** Counts QoS 1 messages; acknowledged after this method returns (ack-mode after-handler). */
	public static class Qos1Listener {

		private final Sink sink;

		public Qos1Listener(Sink benchSink) {
			this.sink = benchSink;
		}

		@MqttListener(topics = "${bench.topic}", qos = 1)
		public void on(byte[] payload) {
			this.sink.accept();
		}

	}

	/** Answers MQTT 5 requests: the returned value goes to the response topic. */
	public static class EchoListener {

		@MqttListener(topics = "${bench.topic}", qos = 1)
		public byte[] on(byte[] payload) {
			return payload;
		}

	}

}
