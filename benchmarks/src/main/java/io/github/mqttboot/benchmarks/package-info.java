/**
 * The side-by-side benchmark harness: scenarios S1 to S9 run the starter, raw Paho, Spring
 * Integration's adapters and Mosquitto's C clients, each scenario in a JVM of its own on a
 * Mosquitto of its own, and {@link Benchmarks} writes the table to {@code docs/benchmarks.md}
 * (with {@code jmh}, it runs the JMH benchmarks). It uses the starter as an application does
 * ({@code annotation}, {@code core}, {@code client}); not published, and nothing imports it.
 */
package io.github.mqttboot.benchmarks;
