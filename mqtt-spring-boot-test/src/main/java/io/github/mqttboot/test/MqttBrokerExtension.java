package io.github.mqttboot.test;

import java.util.Locale;

import io.github.mqttboot.test.MqttTestBroker.Kind;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension starting a {@link TestMqttBroker} before the test class and stopping it
 * after, for tests without a Spring test context (an {@code ApplicationContextRunner}, a
 * plain client); with {@code @SpringBootTest} use {@link MqttTestBroker @MqttTestBroker}.
 * Skips the class when the broker is not available (Mosquitto not installed, for example), and
 * publishes a report entry {@code mqtt.test.broker} naming the broker it started.
 *
 * <pre class="code">
 * &#64;RegisterExtension
 * static final MqttBrokerExtension broker = new MqttBrokerExtension();
 *
 * &#64;Test
 * void connects() {
 * 	runner.withPropertyValues("mqtt.server-uris=" + broker.getServerUri()).run(...);
 * }
 * </pre>
 *
 * @author mqtt-spring-boot-starter
 */
public final class MqttBrokerExtension implements BeforeAllCallback, AfterAllCallback {

	private final Kind kind;

	private volatile TestMqttBroker broker;

	/** A Mosquitto broker when installed, else the embedded one. */
	public MqttBrokerExtension() {
		this(Kind.AUTO);
	}

	/**
	 * A broker of the given kind.
	 * @param kind which broker
	 */
	public MqttBrokerExtension(Kind kind) {
		this.kind = kind;
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		Assumptions.assumeTrue(TestBrokers.resolve(this.kind) != null, () -> TestBrokers.unavailable(this.kind));
		this.broker = TestMqttBroker.start(this.kind);
		// says in the test report which broker the class ran on
		context.publishReportEntry("mqtt.test.broker", this.broker.getKind().name().toLowerCase(Locale.ROOT));
	}

	@Override
	public void afterAll(ExtensionContext context) {
		TestMqttBroker running = this.broker;
		this.broker = null;
		if (running != null) {
			running.close();
		}
	}

	/**
	 * Return the running broker.
	 * @return the broker
	 * @throws IllegalStateException outside the test class's lifetime
	 */
	public TestMqttBroker getBroker() {
		TestMqttBroker running = this.broker;
		if (running == null) {
			throw new IllegalStateException("No broker: register the extension on a static field");
		}
		return running;
	}

	/**
	 * Return the URI clients connect to.
	 * @return {@code tcp://127.0.0.1:<port>}
	 */
	public String getServerUri() {
		return getBroker().getServerUri();
	}

}
