/**
 * Build support for the starter's own tests, not published: {@link TestBrokerSelection} chooses
 * the broker ({@code -Dmqtt.test.broker=mosquitto|embedded}), {@link TestBrokerUsage} records
 * which broker a test ran on, and {@link TestBrokerSummary} says at the end of a module's tests
 * how many ran on which broker and how many were skipped and why. Every module with tests
 * depends on it in test scope; it depends on no module of the starter.
 */
package io.github.mqttboot.testsummary;
