package io.github.mqttboot.listener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.github.mqttboot.annotation.MqttListener;
import io.github.mqttboot.client.ManagedMqttClient;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * A consumer application for {@link AtLeastOnceCrashTests} and {@link ScaleOutTests}, run as a
 * child JVM that the tests stop or kill mid-stream: it appends each handled message to a file
 * before its listener method returns, in the shared group {@code consumer.group} when set.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class AtLeastOnceConsumer {

	private final Path output = Path.of(System.getProperty("consumer.output"));

	public static void main(String[] args) {
		// a main(), not a test: Docker Compose support (on this module's classpath) would start
		new SpringApplicationBuilder(AtLeastOnceConsumer.class).web(WebApplicationType.NONE)
			.properties("spring.docker.compose.enabled=false")
			.run(args);
	}

	/** Marks readiness once subscribed, for tests whose probe a shared group would give one member only. */
	@EventListener(ApplicationReadyEvent.class)
	void ready(ApplicationReadyEvent event) throws IOException {
		ManagedMqttClient client = event.getApplicationContext().getBean(ManagedMqttClient.class);
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (!(client.isConnected() && client.getSubscriptions().stream().allMatch((each) -> each.reasonCode() >= 0))
				&& System.nanoTime() < deadline) {
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
		}
		Files.writeString(this.output, "ready\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
				StandardOpenOption.APPEND, StandardOpenOption.SYNC);
	}

	@MqttListener(topics = "orders/+", qos = 1, group = "${consumer.group:}")
	void on(String payload) {
		try {
			Files.writeString(this.output, payload + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
					StandardOpenOption.APPEND, StandardOpenOption.SYNC);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		// simulated work, so that the test can kill the JVM with messages in flight
		LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
	}

}
