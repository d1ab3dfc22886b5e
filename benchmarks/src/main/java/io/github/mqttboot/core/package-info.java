/**
 * JMH benchmark of payload conversion ({@link PayloadConversionBenchmark}), beside the converter
 * it measures. Benchmarks module only: nothing imports it, and the package itself is described
 * in {@code mqtt-spring-boot-autoconfigure}.
 */
package io.github.mqttboot.core;
