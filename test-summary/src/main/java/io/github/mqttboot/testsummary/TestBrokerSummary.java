package io.github.mqttboot.testsummary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Says at the end of a module's tests how many ran on which broker and how many were skipped
 * and why, so that nothing is skipped in silence: printed (Maven shows it in the build log) and
 * written to {@code target/test-broker-summary.txt}. Registered with the JUnit Platform through
 * {@code META-INF/services}, so it runs in Surefire's test JVM of every module that depends on
 * this one.
 * <p>
 * A test ran on a broker when one was started for it or for its class
 * ({@link TestBrokerUsage}), when its class published a report entry
 * {@value #REPORT_ENTRY_KEY} (as {@code MqttBrokerExtension} does), or when its class carries
 * {@code @MqttTestBroker}. Skip reasons are grouped: every reason of a test that needs
 * Mosquitto where it is missing counts as {@link TestBrokerSelection#MOSQUITTO_NOT_INSTALLED}
 * (or {@link TestBrokerSelection#MOSQUITTO_NOT_SELECTED}), every one that names Docker as
 * "no Docker"; each group lists its test classes.
 */
public class TestBrokerSummary implements TestExecutionListener {

	/** The key of a report entry naming the broker a test class ran on. */
	public static final String REPORT_ENTRY_KEY = "mqtt.test.broker";

	static final Path FILE = Path.of("target", "test-broker-summary.txt");

	static final String NO_DOCKER = "no Docker";

	private static final String TEST_BROKER_ANNOTATION = "io.github.mqttboot.test.MqttTestBroker";

	private static final String WITHOUT_BROKER = "without a test broker";

	/** What JUnit's {@code assumeTrue} puts before the reason. */
	private static final String ASSUMPTION_FAILED = "Assumption failed: ";

	// the totals of every test plan this JVM ran
	private static final Map<String, Integer> ranOn = new TreeMap<>();

	private static final Map<String, Map<String, Integer>> skipped = new TreeMap<>();

	private static int failed;

	private final Map<String, Optional<String>> annotatedBrokers = new ConcurrentHashMap<>();

	private final Set<String> counted = ConcurrentHashMap.newKeySet();

	private volatile TestPlan testPlan;

	@Override
	public void testPlanExecutionStarted(TestPlan testPlan) {
		this.testPlan = testPlan;
	}

	@Override
	public void executionStarted(TestIdentifier identifier) {
		TestBrokerUsage.started(identifier.getUniqueId());
	}

	@Override
	public void executionSkipped(TestIdentifier identifier, String reason) {
		if (identifier.isTest()) {
			skipped(identifier, reason);
		}
		else {
			notRun(identifier, reason);
		}
	}

	@Override
	public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
		TestBrokerUsage.finished(identifier.getUniqueId());
		boolean aborted = result.getStatus() == TestExecutionResult.Status.ABORTED;
		String reason = result.getThrowable().map(Throwable::getMessage).orElse(null);
		if (identifier.isTest()) {
			if (aborted) {
				skipped(identifier, reason);
			}
			else {
				ran(identifier, result.getStatus() == TestExecutionResult.Status.FAILED);
			}
		}
		else if (aborted) {
			notRun(identifier, reason);
		}
	}

	@Override
	public void reportingEntryPublished(TestIdentifier identifier, ReportEntry entry) {
		String broker = entry.getKeyValuePairs().get(REPORT_ENTRY_KEY);
		if (broker != null) {
			TestBrokerUsage.record(identifier.getUniqueId(), broker.toLowerCase(Locale.ROOT));
		}
	}

	@Override
	public void testPlanExecutionFinished(TestPlan testPlan) {
		String summary = summary(Path.of("").toAbsolutePath().getFileName().toString());
		try {
			Files.createDirectories(FILE.getParent());
			Files.writeString(FILE, summary, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + FILE.toAbsolutePath(), ex);
		}
		System.out.print(summary);
		System.out.flush();
	}

	static String summary(String module) {
		synchronized (ranOn) {
			int ran = ranOn.values().stream().mapToInt(Integer::intValue).sum();
			int skips = skipped.values().stream().mapToInt(TestBrokerSummary::sum).sum();
			StringBuilder summary = new StringBuilder();
			summary.append(String.format("MQTT test brokers, %s: %d tests ran (%d failed), %d skipped%n", module, ran,
					failed, skips));
			ranOn.forEach((broker, count) -> summary.append(
					String.format("%6d ran %s%n", count, broker.equals(WITHOUT_BROKER) ? broker : "on " + broker)));
			skipped.forEach((reason, details) -> {
				summary.append(String.format("%6d skipped: %s%n", sum(details), reason));
				details.forEach((detail, count) -> summary.append(String.format("%12d %s%n", count, detail)));
			});
			return summary.toString();
		}
	}

	private static int sum(Map<String, Integer> counts) {
		return counts.values().stream().mapToInt(Integer::intValue).sum();
	}

	private void ran(TestIdentifier test, boolean failure) {
		if (!this.counted.add(test.getUniqueId())) {
			return;
		}
		Set<String> brokers = brokers(test);
		String broker = brokers.isEmpty() ? WITHOUT_BROKER : String.join("+", brokers);
		synchronized (ranOn) {
			ranOn.merge(broker, 1, Integer::sum);
			failed += failure ? 1 : 0;
		}
	}

	/** Tests of a container that was skipped or aborted as a whole: each counts as skipped. */
	private void notRun(TestIdentifier container, String reason) {
		TestPlan plan = this.testPlan;
		List<TestIdentifier> tests = (plan != null) ? plan.getDescendants(container)
			.stream()
			.filter((descendant) -> descendant.isTest() || isTemplate(plan, descendant))
			.toList() : List.of();
		if (tests.isEmpty() && container.getSource().isPresent()) {
			// a class whose tests are known only when it runs, such as a @ParameterizedClass
			skipped(container, reason);
		}
		tests.forEach((test) -> skipped(test, reason));
	}

	/** A repeated or parameterized test method, whose tests are known only when it runs. */
	private static boolean isTemplate(TestPlan plan, TestIdentifier identifier) {
		return identifier.isContainer() && identifier.getSource().filter(MethodSource.class::isInstance).isPresent()
				&& plan.getChildren(identifier).isEmpty();
	}

	private void skipped(TestIdentifier test, String reason) {
		if (!this.counted.add(test.getUniqueId())) {
			return;
		}
		String text = (reason != null && !reason.isBlank()) ? reason.strip().lines().findFirst().orElse("")
				: "no reason given";
		text = text.startsWith(ASSUMPTION_FAILED) ? text.substring(ASSUMPTION_FAILED.length()) : text;
		String group = group(text);
		// grouped by a keyword (such as Docker's own reasons): the group says it all
		String why = text.startsWith(group) ? text.substring(group.length()).strip() : "";
		String detail = className(test).map((name) -> name.substring(name.lastIndexOf('.') + 1).replace('$', '.'))
			.orElse(test.getDisplayName()) + (why.isEmpty() ? "" : " " + why);
		if (!test.isTest()) {
			detail += (test.getSource().filter(MethodSource.class::isInstance).isPresent()) ? " (every repetition)"
					: " (the whole class)";
		}
		synchronized (ranOn) {
			skipped.computeIfAbsent(group, (key) -> new TreeMap<>()).merge(detail, 1, Integer::sum);
		}
	}

	static String group(String reason) {
		String lower = reason.toLowerCase(Locale.ROOT);
		if (reason.startsWith(TestBrokerSelection.MOSQUITTO_NOT_SELECTED)) {
			return TestBrokerSelection.MOSQUITTO_NOT_SELECTED;
		}
		if (lower.contains("mosquitto") && lower.contains("not installed")) {
			return TestBrokerSelection.MOSQUITTO_NOT_INSTALLED;
		}
		if (lower.contains("mosquitto") && lower.contains("not selected")) {
			return TestBrokerSelection.MOSQUITTO_NOT_SELECTED;
		}
		if (lower.contains("docker")) {
			return NO_DOCKER;
		}
		return reason;
	}

	private Set<String> brokers(TestIdentifier test) {
		Set<String> brokers = new LinkedHashSet<>();
		TestPlan plan = this.testPlan;
		for (TestIdentifier current = test; current != null;
				current = (plan != null) ? plan.getParent(current).orElse(null) : null) {
			brokers.addAll(TestBrokerUsage.recorded(current.getUniqueId()));
		}
		className(test).flatMap(this::annotatedBroker).ifPresent(brokers::add);
		return brokers.stream().sorted().collect(Collectors.toCollection(LinkedHashSet::new));
	}

	/** The broker that {@code @MqttTestBroker} on the class starts (read by name: no dependency). */
	private Optional<String> annotatedBroker(String className) {
		return this.annotatedBrokers.computeIfAbsent(className, (name) -> {
			try {
				Class<?> type = Class.forName(name, false, Thread.currentThread().getContextClassLoader());
				for (Annotation annotation : type.getAnnotations()) {
					if (annotation.annotationType().getName().equals(TEST_BROKER_ANNOTATION)) {
						Object kind = annotation.annotationType().getMethod("value").invoke(annotation);
						return Optional.of(switch (kind.toString()) {
							case "MOSQUITTO" -> TestBrokerSelection.MOSQUITTO;
							case "EMBEDDED" -> TestBrokerSelection.EMBEDDED;
							default -> TestBrokerSelection.broker();
						});
					}
				}
			}
			catch (ReflectiveOperationException | LinkageError ex) {
				// not a class of this JVM's test class path: no broker from an annotation
			}
			return Optional.empty();
		});
	}

	private static Optional<String> className(TestIdentifier identifier) {
		TestSource source = identifier.getSource().orElse(null);
		if (source instanceof MethodSource method) {
			return Optional.of(method.getClassName());
		}
		if (source instanceof ClassSource type) {
			return Optional.of(type.getClassName());
		}
		return Optional.empty();
	}

}
