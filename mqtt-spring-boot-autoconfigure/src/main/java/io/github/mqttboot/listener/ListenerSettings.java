package io.github.mqttboot.listener;

/**
 * Defaults every listener container shares ({@code mqtt.listener.*}).
 *
 * @param queueCapacity messages a listener holds before reading pauses
 * @param ackAfterHandler whether QoS 1 messages are acknowledged after the method returns
 * @param maxPayloadBytes the largest payload handed to a method
 * @param concurrency workers of a listener that does not set its own
 * @param autoStartup whether listeners start with the application
 * @param deadLetterTopic where failed messages go, or {@code null}
 * @param shutdownTimeout the longest wait for queued work at stop
 * @param observationRegistry where listener invocations are observed, or {@code null}
 * @author mqtt-spring-boot-starter
 */
public record ListenerSettings(int queueCapacity, boolean ackAfterHandler, long maxPayloadBytes, int concurrency,
		boolean autoStartup, String deadLetterTopic, java.time.Duration shutdownTimeout,
		io.micrometer.observation.ObservationRegistry observationRegistry) {

	/** The documented defaults. */
	public static ListenerSettings defaults() {
		return new ListenerSettings(1000, true, 1024 * 1024, 1, true, null, java.time.Duration.ofSeconds(10), null);
	}

}
