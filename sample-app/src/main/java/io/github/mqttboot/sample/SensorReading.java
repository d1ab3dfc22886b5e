package io.github.mqttboot.sample;

import java.time.Instant;

/**
 * One reading of a simulated sensor, published as JSON.
 *
 * @param sensor the sensor's id
 * @param temperature degrees Celsius
 * @param timestamp when it was taken
 */
public record SensorReading(String sensor, double temperature, Instant timestamp) {
}
