package io.github.mqttboot.client;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.github.mqttboot.testsupport.FaultProxy;
import io.github.mqttboot.testsupport.FaultProxy.Mode;
import io.github.mqttboot.testsupport.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Failed connection attempts say their real cause in words, whatever the library called it, at
 * INFO within the grace period and WARN after it, and a failure that repeats is logged once a
 * minute: attempts every 100 to 500 ms make one line here. For every driver and protocol.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.github.mqttboot.client.DriverPair#pairs")
@ExtendWith(OutputCaptureExtension.class)
class ConnectFailureLogTests {

	private static final Duration LONG_GRACE = Duration.ofHours(1);

	@RegisterExtension
	static final TestBroker broker = TestBroker.create();

	@Parameter
	DriverPair pair;

	@Test
	void unknownHostIsNamedOnceAtInfoWithinTheGracePeriod(CapturedOutput output) {
		String uri = "tcp://no-such-host.invalid:1883";
		failRepeatedly(uri, LONG_GRACE);
		assertThat(onlyFailureLine(output, uri)).contains(" INFO ")
			.contains("unknown host 'no-such-host.invalid': the name does not resolve")
			.contains("mqtt.server-uris");
		assertThat(output).doesNotContain("Untranslated");
	}

	@Test
	void refusedPortIsNamedOnceAtWarnAfterTheGracePeriod(CapturedOutput output) {
		String uri = "tcp://127.0.0.1:" + FreePorts.closedPort();
		failRepeatedly(uri, Duration.ZERO);
		assertThat(onlyFailureLine(output, uri)).contains(" WARN ")
			.contains("connection refused: nothing accepts connections on 127.0.0.1:" + URI.create(uri).getPort())
			.contains("check that the broker runs");
	}

	@Test
	void portOutOfRangeIsNamed(CapturedOutput output) {
		String uri = "tcp://127.0.0.1:70000";
		failRepeatedly(uri, LONG_GRACE);
		assertThat(onlyFailureLine(output, uri))
			.contains("port 70000 is out of range: a port is 0 to 65535; check mqtt.server-uris");
	}

	@Test
	void missingConnackIsNamedWithTheTimeout(CapturedOutput output) {
		try (FaultProxy proxy = FaultProxy.to(broker.port())) {
			proxy.mode(Mode.BLACKHOLE);
			failRepeatedly(proxy.uri(), LONG_GRACE,
					(settings) -> settings.setConnectionTimeout(Duration.ofMillis(300)));
			assertThat(onlyFailureLine(output, proxy.uri()))
				.contains("No CONNACK from " + proxy.uri() + " within 300 ms (mqtt.connection-timeout)")
				.contains("not answered");
		}
	}

	@Test
	void aFailureThatOutlastsTheGracePeriodTurnsToWarnOnce(CapturedOutput output) {
		String uri = "tcp://no-such-host.invalid:1883";
		ManagedMqttClient client = TestClients.client(this.pair, "grace",
				(settings) -> settings.setGracePeriod(Duration.ofSeconds(2)), uri);
		client.start();
		try {
			await().atMost(TestClients.await()).until(() -> failureLines(output, uri).size() >= 2);
			AtomicInteger failures = count(client);
			await().atMost(TestClients.await()).until(() -> failures.get() >= 3);
		}
		finally {
			client.stop();
		}
		// the WARN says how many failures the minute's throttle left out since the INFO
		assertThat(failureLines(output, uri)).hasSize(2)
			.satisfiesExactly((first) -> assertThat(first).contains(" INFO ").doesNotContain("not logged"),
					(second) -> assertThat(second).contains(" WARN ")
						.containsPattern("\\(\\d+ more failure\\(s\\) like it since the last such line were not logged\\)"));
	}

	private void failRepeatedly(String uri, Duration gracePeriod) {
		failRepeatedly(uri, gracePeriod, (settings) -> {
		});
	}

	private void failRepeatedly(String uri, Duration gracePeriod, Consumer<MqttClientSettings> customizer) {
		ManagedMqttClient client = TestClients.client(this.pair, "failing",
				customizer.andThen((settings) -> settings.setGracePeriod(gracePeriod)), uri);
		AtomicInteger failures = count(client);
		client.start();
		try {
			await().atMost(TestClients.await()).until(() -> failures.get() >= 5);
		}
		finally {
			client.stop();
		}
	}

	private static AtomicInteger count(ManagedMqttClient client) {
		AtomicInteger failures = new AtomicInteger();
		client.addEventListener(new MqttClientEvents() {

			@Override
			public void connectFailed(URI serverUri, Throwable cause, int attempt, Duration nextDelay) {
				failures.incrementAndGet();
			}

		});
		return failures;
	}

	/** The one line that the repeated failures made. */
	private static String onlyFailureLine(CapturedOutput output, String uri) {
		List<String> lines = failureLines(output, uri);
		assertThat(lines).hasSize(1);
		return lines.get(0);
	}

	private static List<String> failureLines(CapturedOutput output, String uri) {
		return output.getOut().lines().filter((line) -> line.contains("Connecting to " + uri + " failed")).toList();
	}

}
