/**
 * JMH benchmark of the listener meters' cost per message ({@link MeterRecordingBenchmark}),
 * beside the meter binders it measures. Benchmarks module only: nothing imports it, and the
 * package itself is described in {@code mqtt-spring-boot-autoconfigure}.
 */
package io.github.mqttboot.metrics;
