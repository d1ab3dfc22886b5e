package io.github.mqttboot.leak;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.mqttboot.client.FreePorts;
import io.github.mqttboot.testsupport.FaultProxy;
import io.github.mqttboot.testsupport.FaultProxy.Mode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Paho 1.2.5 alone leaves behind for the failure kinds of {@link LeakSuiteTests}, measured in
 * a child JVM, so that {@code docs/leaks.md} can set the starter's numbers beside Paho's.
 */
class RawPahoComparisonTests {

	private static final int ATTEMPTS = 100;

	private static final Pattern RESULT = Pattern.compile("RAW-PAHO attempts=(\\d+) failures=(\\d+) mqttThreads=(\\d+)");

	@Test
	void acceptThenCloseStrandsAThreadPerAttempt() throws Exception {
		try (FaultProxy peer = FaultProxy.standalone(Mode.ACCEPT_THEN_CLOSE)) {
			int threads = probe("accept-then-close", peer.uri(), 2000);
			assertThat(threads).isGreaterThanOrEqualTo(ATTEMPTS * 9 / 10);
		}
	}

	@Test
	void neverConnackStrandsThreadsPerAttempt() throws Exception {
		try (FaultProxy peer = FaultProxy.standalone(Mode.BLACKHOLE)) {
			int threads = probe("never-connack", peer.uri(), 200);
			assertThat(threads).isGreaterThanOrEqualTo(ATTEMPTS);
		}
	}

	@Test
	void resetOnConnectStrandsThreads() throws Exception {
		try (FaultProxy peer = FaultProxy.standalone(Mode.RESET)) {
			int threads = probe("reset-on-connect", peer.uri(), 2000);
			assertThat(threads).isPositive();
		}
	}

	@Test
	void refusedLeavesNothing() throws Exception {
		int threads = probe("connection-refused", "tcp://127.0.0.1:" + FreePorts.closedPort(), 2000);
		assertThat(threads).isZero();
	}

	private static int probe(String kind, String uri, long waitMillis) throws Exception {
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		Process process = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
				RawPahoLeakProbe.class.getName(), uri, String.valueOf(ATTEMPTS), String.valueOf(waitMillis)))
			.redirectErrorStream(true)
			.start();
		String output;
		try {
			output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("probe finished").isTrue();
		}
		finally {
			process.destroyForcibly();
		}
		Matcher matcher = RESULT.matcher(output);
		assertThat(matcher.find()).as(output).isTrue();
		String line = String.format("paho-alone %s attempts=%s failures=%s strandedMqttThreads=%s%n", kind,
				matcher.group(1), matcher.group(2), matcher.group(3));
		System.out.print("LEAK-SUITE " + line);
		Files.createDirectories(LeakCheck.REPORT.getParent());
		Files.writeString(LeakCheck.REPORT, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
				StandardOpenOption.APPEND);
		return Integer.parseInt(matcher.group(3));
	}

}
