/**
 * JMH benchmark of the message a listener sees ({@link HeaderMappingBenchmark}), in the package
 * of the listener invoker it measures because the invoker is package-private. Benchmarks module
 * only: nothing imports it, and the package itself is described in
 * {@code mqtt-spring-boot-autoconfigure}.
 */
package io.github.mqttboot.listener;
