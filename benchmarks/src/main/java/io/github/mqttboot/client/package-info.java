/**
 * JMH benchmark of inbound routing ({@link TopicMatchingBenchmark}), in the package of the
 * subscription registry it measures because the registry is package-private. Benchmarks module
 * only: nothing imports it, and the package itself is described in
 * {@code mqtt-spring-boot-autoconfigure}.
 */
package io.github.mqttboot.client;
