package io.github.mqttboot.metrics;

import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.mqttboot.client.ManagedMqttClient;
import io.github.mqttboot.client.MqttClientSettings;
import io.github.mqttboot.client.driver.paho.PahoV5Driver;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a listener's meters cost per message: {@code mqtt.messages.received} on hand-off and the
 * {@code mqtt.listener} timer after the handler, on a {@link SimpleMeterRegistry}. The client is
 * created, never started: the meters only need its name.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class MeterRecordingBenchmark {

	private MqttListenerMetrics metrics;

	@Setup
	public void setUp() {
		MqttClientSettings settings = new MqttClientSettings();
		settings.setServerUris(List.of(URI.create("tcp://127.0.0.1:1883")));
		this.metrics = new MqttListenerMetrics(new ManagedMqttClient("mqttClient", settings, new PahoV5Driver()),
				(id) -> null);
		this.metrics.bindTo(new SimpleMeterRegistry());
		this.metrics.registered("bench");
	}

	@Benchmark
	public void receivedAndHandled() {
		this.metrics.received("bench", 1);
		this.metrics.handled("bench", true, 12_345);
	}

}
