package io.github.mqttboot.listener;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.mqttboot.client.InboundMessage;
import io.github.mqttboot.client.MqttMessageProperties;
import io.github.mqttboot.client.SubscriptionOptions;
import io.github.mqttboot.core.MqttPayloadConverter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.messaging.Message;

/**
 * The Spring message a listener sees, built from an inbound message: the MQTT headers
 * ({@link MqttHeaderNames}), user properties, and the {@code {var}} values of a topic template.
 * In the listener package because the invoker is internal.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class HeaderMappingBenchmark {

	/** plain: {@code sensors/+/temperature}, no user properties; template: {@code sensors/{id}/temperature} and two user properties. */
	@Param({ "plain", "template" })
	String kind;

	private ListenerInvoker invoker;

	private InboundMessage message;

	@Setup
	public void setUp() {
		boolean template = this.kind.equals("template");
		TopicTemplate topic = TopicTemplate.parse(template ? "sensors/{id}/temperature" : "sensors/+/temperature");
		MqttListenerEndpoint endpoint = new MqttListenerEndpoint("bench", List.of(topic), 1, null, 1, null, null, null,
				null, 1, SubscriptionOptions.DEFAULTS, null, null);
		this.invoker = new ListenerInvoker(endpoint, null, null, new MqttPayloadConverter(null));
		MqttMessageProperties properties = template
				? new MqttMessageProperties("text/plain", null, null, Map.of("site", "north", "unit", "celsius"))
				: MqttMessageProperties.NONE;
		this.message = new InboundMessage("sensors/hall-3/temperature", new byte[32], 1, false, false, 7, properties,
				() -> {
				});
	}

	@Benchmark
	public Message<byte[]> toMessage() {
		return this.invoker.toMessage(this.message);
	}

}
