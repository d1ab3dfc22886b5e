package io.github.mqttboot.autoconfigure;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.origin.OriginTrackedValue;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.boot.origin.TextResourceOrigin.Location;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Configuration mistakes are caught: an unknown {@code mqtt.*} key is reported with the closest
 * valid key (a WARN, or a startup failure on request), ports and paths of server URIs are checked,
 * and failure analyses say where a bad value was set.
 */
@ExtendWith(OutputCaptureExtension.class)
class UnknownMqttPropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, MqttAutoConfiguration.class));

	@Test
	void aTypoIsReportedWithTheClosestValidKey(CapturedOutput output) {
		this.runner.withPropertyValues("mqtt.server-uri=tcp://127.0.0.1:1").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(output).contains("Unknown property 'mqtt.server-uri'")
				.contains("did you mean 'mqtt.server-uris'?");
		});
	}

	@Test
	void aTypoFailsStartupWhenAskedTo() {
		this.runner.withPropertyValues("mqtt.keepalive=10s", "mqtt.fail-on-unknown-properties=true").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidMqttPropertyException.class)
				.hasMessageContaining("'mqtt.keepalive'")
				.hasMessageContaining("did you mean 'mqtt.keep-alive'?");
		});
	}

	@Test
	void knownKeysAreNotReported(CapturedOutput output) {
		this.runner.withPropertyValues("mqtt.server-uris=tcp://127.0.0.1:1", "mqtt.listener.retry.max-attempts=2")
			.run((context) -> assertThat(output).doesNotContain("Unknown property"));
	}

	@Test
	void aPortOutOfRangeIsNamedInWords() {
		this.runner.withPropertyValues("mqtt.server-uris=tcp://localhost:70000").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("'mqtt.server-uris[0]'")
				.hasMessageContaining("port 70000 is out of range");
		});
	}

	@Test
	void aTcpUriWithAPathFailsNamingTheProperty() {
		this.runner.withPropertyValues("mqtt.server-uris=tcp://localhost:1883/mqtt").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidMqttPropertyException.class)
				.hasMessageContaining("'mqtt.server-uris[0]'")
				.hasMessageContaining("has no path");
		});
	}

	@Test
	void theFailureAnalysisSaysWhereTheValueWasSet() {
		StandardEnvironment environment = new StandardEnvironment();
		TextResourceOrigin origin = new TextResourceOrigin(new ClassPathResource("application.yml"), new Location(2, 15));
		environment.getPropertySources()
			.addFirst(new OriginTrackedMapPropertySource("application.yml",
					Map.of("mqtt.server-uris", OriginTrackedValue.of("http://localhost:1883", origin))));
		FailureAnalysis analysis = new InvalidMqttPropertyFailureAnalyzer(environment).analyze(
				new InvalidMqttPropertyException("mqtt.server-uris[0]", "http://localhost:1883", "the scheme must be ..."));
		assertThat(analysis.getDescription()).contains("Property: mqtt.server-uris[0]")
			.contains("Origin: class path resource [application.yml] - 3:16");
		assertThat(analysis.getAction()).contains("class path resource [application.yml] - 3:16");
	}

	@Test
	void theFailureAnalysisOfAnInvalidClientNameSaysWhereTheClientIsDeclared() {
		StandardEnvironment environment = new StandardEnvironment();
		TextResourceOrigin origin = new TextResourceOrigin(new ClassPathResource("application.yml"), new Location(4, 19));
		environment.getPropertySources()
			.addFirst(new OriginTrackedMapPropertySource("application.yml", Map
				.of("mqtt.clients.edge-gw.server-uris", OriginTrackedValue.of("tcp://localhost:1883", origin))));
		InvalidMqttPropertyException failure = catchThrowableOfType(InvalidMqttPropertyException.class,
				() -> MqttNamedClients.names(environment));
		FailureAnalysis analysis = new InvalidMqttPropertyFailureAnalyzer(environment).analyze(failure);
		assertThat(analysis.getDescription()).contains("Property: mqtt.clients.edge-gw")
			.contains("use letters and digits")
			.contains("Origin: class path resource [application.yml] - 5:20");
	}

}
