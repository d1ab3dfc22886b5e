package io.github.mqttboot.core;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.json.JsonMapper;

/**
 * The starter's payload conversion both ways: bytes, UTF-8 text, and a small JSON record.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class PayloadConversionBenchmark {

	/** A typical sensor reading. */
	public record Reading(String sensor, double value, long timestamp) {
	}

	private final MqttPayloadConverter converter = new MqttPayloadConverter(JsonMapper.builder().build());

	private final Reading reading = new Reading("hall-3", 21.5, 1_700_000_000_000L);

	private final byte[] json = this.converter.toPayload(this.reading).bytes();

	private final String text = "temperature=21.5;sensor=hall-3";

	private final byte[] textBytes = this.text.getBytes(StandardCharsets.UTF_8);

	@Benchmark
	public Object bytesOut() {
		return this.converter.toPayload(this.textBytes);
	}

	@Benchmark
	public Object stringOut() {
		return this.converter.toPayload(this.text);
	}

	@Benchmark
	public Object stringIn() {
		return this.converter.fromPayload(this.textBytes, String.class);
	}

	@Benchmark
	public Object jsonOut() {
		return this.converter.toPayload(this.reading);
	}

	@Benchmark
	public Object jsonIn() {
		return this.converter.fromPayload(this.json, Reading.class);
	}

}
