package io.github.mqttboot.listener;

import java.time.Duration;

import io.github.mqttboot.observation.MqttListenerObservationConvention;
import io.micrometer.observation.ObservationRegistry;

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
 * @param observationConvention the application's names and tags of those observations, or
 * {@code null} for the defaults
 * @param retry how failed messages are tried again
 * @param dropQos0WhenFull whether a QoS 0 message for a full hand-off is dropped rather than
 * waited for
 * @param stallTimeout how long a listener may make no progress before it is reported stalled
 * @author mqtt-spring-boot-starter
 * @since 0.1.0
 */
public record ListenerSettings(int queueCapacity, boolean ackAfterHandler, long maxPayloadBytes, int concurrency,
		boolean autoStartup, String deadLetterTopic, Duration shutdownTimeout,
		ObservationRegistry observationRegistry, MqttListenerObservationConvention observationConvention,
		ListenerRetry retry, boolean dropQos0WhenFull,
		Duration stallTimeout) {
}
