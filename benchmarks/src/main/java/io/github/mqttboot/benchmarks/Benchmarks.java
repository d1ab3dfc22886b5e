package io.github.mqttboot.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Runs the side-by-side scenarios S1–S9, each in a JVM of its own on a Mosquitto of its own, and
 * writes the table to {@code docs/benchmarks.md}; {@code jmh} as the first argument runs the JMH
 * benchmarks instead.
 * {@code --quick} shrinks every count for a smoke test (its figures mean nothing);
 * {@code -Dbench.only=S4,S5} runs only those scenarios and writes nothing (for profiling, with
 * {@code -Dbench.s1.count=N} or {@code -Dbench.s2.count=N});
 * {@code "-Dbench.contenders=starter;raw Paho v5"} runs only those contenders and writes nothing
 * either.
 */
public final class Benchmarks {

	static final String COMMAND = "./mvnw -q -Pbenchmarks -pl benchmarks -am package -DskipTests && java -jar benchmarks/target/benchmarks.jar";

	/** S2b's one-way delay. */
	static final int PROXY_DELAY_MICROS = 500;

	private Benchmarks() {
	}

	public static void main(String[] args) throws Exception {
		List<String> arguments = List.of(args);
		Path output = Path.of(System.getProperty("bench.output", "docs/benchmarks.md"));
		if (arguments.contains("jmh")) {
			JmhReport.run(output, System.getProperty("bench.jmh.include", "io\\.github\\.mqttboot\\..*Benchmark"));
			return;
		}
		boolean quick = arguments.contains("--quick");
		Machine machine = Machine.describe();
		List<Scenario> scenarios = new ArrayList<>();
		String results = System.getProperty(Scenario.RESULTS_PROPERTY);
		try (Mosquitto broker = new Mosquitto()) {
			if (results != null) {
				broker.start();
			}
			DelayProxy proxy = new DelayProxy(broker.port(), PROXY_DELAY_MICROS);
			Env env = new Env(broker);
			int warmups = quick ? 1 : 2;
			int rounds = quick ? 1 : 5;
			String starter = StarterApp.VARIANTS.get(0).name();

			int s1Count = Integer.getInteger("bench.s1.count", quick ? 5_000 : 300_000);
			Delivery s1 = new Delivery(env, 0, s1Count);
			Scenario scenario1 = new Scenario("S1", "QoS 0 into a listener (" + count(s1Count) + " msgs of 32 B)",
					"msg/s", true, warmups, rounds);
			StarterApp.VARIANTS.forEach((variant) -> scenario1.contender(variant.name(), s1.starter(variant)));
			StarterApp.DRIVER_VARIANTS.forEach((variant) -> scenario1.contender(variant.name(), s1.starter(variant)));
			scenario1.contender(StarterApp.TRACING.name(), spans(s1.starter(StarterApp.TRACING), s1.messages()))
				.contender(StarterApp.TRACING_EVERY_MESSAGE.name(),
						spans(s1.starter(StarterApp.TRACING_EVERY_MESSAGE), s1.messages()))
				.contender("raw Paho v5", s1.rawPaho())
				.contender("Spring Integration", s1.springIntegration())
				.contender("mosquitto_sub (C)", s1.cClients());
			scenarios.add(scenario1);

			int s2Count = Integer.getInteger("bench.s2.count", quick ? 2_000 : 100_000);
			Publishing s2 = new Publishing(env, broker.uri(), s2Count,
					Integer.getInteger("bench.s2.window", Mosquitto.MAX_INFLIGHT));
			Scenario scenario2 = new Scenario("S2", "QoS 1 publishing, window " + Mosquitto.MAX_INFLIGHT
					+ " (" + count(s2Count) + " msgs of 32 B)", "msg/s", true, warmups, rounds);
			StarterApp.VARIANTS.forEach((variant) -> scenario2.contender(variant.name(), s2.starter(variant)));
			StarterApp.DRIVER_VARIANTS.forEach((variant) -> scenario2.contender(variant.name(), s2.starter(variant)));
			scenario2.contender(StarterApp.TRACING.name(), spans(s2.starter(StarterApp.TRACING), s2.messages()))
				.contender("raw Paho v5", s2.rawPaho())
				.contender("raw Paho v5 + TCP_NODELAY", s2.rawPaho(true))
				.contender("Spring Integration (defaults)", s2.springIntegration());
			scenarios.add(scenario2);

			int s2bCount = quick ? 500 : 10_000;
			Publishing s2b = new Publishing(env, proxy.uri(), s2bCount, Mosquitto.MAX_INFLIGHT);
			Scenario scenario2b = new Scenario("S2b", "as S2 through a proxy adding " + PROXY_DELAY_MICROS
					+ " µs each way (1 ms round trip; " + count(s2bCount) + " msgs)", "msg/s", true, warmups,
					rounds);
			StarterApp.VARIANTS.forEach((variant) -> scenario2b.contender(variant.name(), s2b.starter(variant)));
			StarterApp.DRIVER_VARIANTS.forEach((variant) -> scenario2b.contender(variant.name(), s2b.starter(variant)));
			scenario2b.contender(StarterApp.TRACING.name(), spans(s2b.starter(StarterApp.TRACING), s2b.messages()))
				.contender("raw Paho v5", s2b.rawPaho())
				.contender("raw Paho v5 + TCP_NODELAY", s2b.rawPaho(true))
				.contender("Spring Integration (defaults)", s2b.springIntegration());
			scenarios.add(scenario2b);

			int s3Count = quick ? 5_000 : 50_000;
			Delivery s3 = new Delivery(env, 1, s3Count);
			Scenario scenario3 = new Scenario("S3",
					"QoS 1 into a listener, ack after the handler (" + count(s3Count) + " msgs)", "msg/s", true,
					warmups, rounds);
			StarterApp.VARIANTS.forEach((variant) -> scenario3.contender(variant.name(), s3.starter(variant)));
			StarterApp.DRIVER_VARIANTS.forEach((variant) -> scenario3.contender(variant.name(), s3.starter(variant)));
			scenario3.contender(StarterApp.TRACING.name(), spans(s3.starter(StarterApp.TRACING), s3.messages()))
				.contender("raw Paho v5", s3.rawPaho()).contender("mosquitto_sub (C)", s3.cClients());
			scenarios.add(scenario3);

			int s4Count = Integer.getInteger("bench.s4.count", quick ? 200 : 20_000);
			RequestReply s4 = new RequestReply(env, s4Count);
			Scenario scenario4 = new Scenario("S4",
					"request/response round trip, QoS 1 (" + count(s4Count) + " per run), p50", "µs", false, warmups,
					rounds);
			StarterApp.VARIANTS.forEach((variant) -> scenario4.contender(variant.name(), s4.starter(variant)));
			StarterApp.DRIVER_VARIANTS.stream()
				.filter((variant) -> !"3".equals(variant.properties().get("mqtt.protocol-version")))
				.forEach((variant) -> scenario4.contender(variant.name(), s4.starter(variant)));
			scenario4.contender(StarterApp.TRACING.name(), spans(s4.starter(StarterApp.TRACING), s4.roundTrips()))
				.contender("raw Paho v5 (200 per run)", s4.rawPaho(false))
				.contender("raw Paho v5 + TCP_NODELAY", s4.rawPaho(true));
			scenarios.add(scenario4);

			Recovery s5 = new Recovery(env);
			Scenario scenario5 = new Scenario("S5", "broker kill -9 and restart to first delivery (reconnect delay "
					+ Recovery.DELAY_SECONDS + " s)", "ms", false, warmups, rounds);
			StarterApp.VARIANTS.forEach((variant) -> scenario5.contender(variant.name(), s5.starter(variant)));
			StarterApp.DRIVER_VARIANTS.forEach((variant) -> scenario5.contender(variant.name(), s5.starter(variant)));
			scenario5.contender("raw Paho v5 (automatic reconnect)", s5.rawPaho());
			scenarios.add(scenario5);

			int slowSeconds = quick ? 6 : 60;
			SlowListener s6 = new SlowListener(env, slowSeconds);
			Scenario scenario6 = new Scenario("S6", "slow listener (10 ms/msg, 200 msg/s offered, keep-alive "
					+ SlowListener.KEEP_ALIVE_SECONDS + " s) for " + slowSeconds + " s: disconnects", "disconnects",
					false, 0, quick ? 1 : 5);
			StarterApp.VARIANTS.forEach((variant) -> scenario6.contender(variant.name(), s6.starter(variant)));
			scenario6.contender("raw Paho v5", s6.rawPaho());
			scenarios.add(scenario6);

			Fanout s8 = new Fanout(env, s1Count);
			Scenario scenario8 = new Scenario("S8", "S1's load with " + count(Fanout.LISTENERS)
					+ " listeners on wildcard filters, one of them matching", "msg/s", true, warmups, rounds);
			StarterApp.VARIANTS.forEach((variant) -> scenario8.contender(variant.name(),
					s8.starter(variant, Fanout.LISTENERS)));
			StarterApp.VARIANTS.forEach((variant) -> scenario8.contender(Fanout.oneListener(variant.name()),
					s8.starter(variant, 1)));
			scenario8.contender("raw Paho v5", s8.rawPaho(Fanout.LISTENERS))
				.contender(Fanout.oneListener("raw Paho v5"), s8.rawPaho(1));
			scenarios.add(scenario8);

			ThreadedPublishing s9 = new ThreadedPublishing(env, s2Count, Mosquitto.MAX_INFLIGHT);
			Scenario scenario9 = new Scenario("S9", "S2 from " + ThreadedPublishing.THREADS
					+ " threads sharing one client", "msg/s", true, warmups, rounds);
			StarterApp.VARIANTS.forEach((variant) -> scenario9.contender(variant.name(), s9.starter(variant)));
			scenario9.contender("raw Paho v5", s9.rawPaho());
			scenarios.add(scenario9);

			String only = System.getProperty(Scenario.ONLY_PROPERTY);
			for (Scenario scenario : scenarios) {
				if (only != null && !List.of(only.split(",")).contains(scenario.id)) {
					continue;
				}
				if (results != null) {
					scenario.run();
					scenario.write(Path.of(results));
				}
				else {
					scenario.runInOwnJvm(arguments);
				}
			}
			if (results != null || only != null || Scenario.ONLY_CONTENDERS != null) {
				System.exit(0);
			}
			new Report(machine, scenarios, starter, quick).write(output);
			System.out.println("Wrote " + output.toAbsolutePath());
		}
		System.exit(0);
	}

	static String count(int count) {
		return String.format("%,d", count);
	}

	/** Adds how many spans the tracing column finished per message: the proof that it traced. */
	private static Callable<Measurement> spans(Callable<Measurement> run, int messages) {
		return () -> {
			long before = StarterApp.SPANS.get();
			Measurement measurement = run.call();
			return measurement.with("spans/msg", (StarterApp.SPANS.get() - before) / (double) messages);
		};
	}

}
