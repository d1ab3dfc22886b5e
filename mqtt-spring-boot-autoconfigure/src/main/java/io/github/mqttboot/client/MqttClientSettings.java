package io.github.mqttboot.client;

import java.time.Duration;

/**
 * Everything a {@link ManagedMqttClient} needs to know, resolved from configuration: what each
 * connection attempt sends ({@link MqttConnectSettings}), and how the client reconnects, buffers
 * and stops. Defaults match the documented defaults of the {@code mqtt.*} properties.
 *
 * @author mqtt-spring-boot-starter
 * @since 0.1.0
 */
public class MqttClientSettings extends MqttConnectSettings {

	private int maxInflight = 1000;

	private Duration reconnectInitialDelay = Duration.ofSeconds(1);

	private Duration reconnectMaxDelay = Duration.ofSeconds(30);

	private double reconnectMultiplier = 2.0;

	private double reconnectJitter = 0.5;

	private Duration reconnectStableAfter = Duration.ofSeconds(10);

	private Duration gracePeriod = Duration.ofSeconds(30);

	private Duration waitForConnection = Duration.ZERO;

	private Duration shutdownTimeout = Duration.ofSeconds(10);

	private int bufferCapacity = 10000;

	private boolean manualAcks = true;

	private boolean virtualThreads;

	private MqttPublishInterceptor publishInterceptor;

	/**
	 * Creates settings with the defaults of the {@code mqtt.*} properties.
	 */
	public MqttClientSettings() {
	}

	/**
	 * Returns the maximum number of QoS 1 and 2 publishes awaiting their acknowledgement.
	 * @return the maximum
	 */
	public int getMaxInflight() {
		return this.maxInflight;
	}

	/**
	 * Sets the maximum number of QoS 1 and 2 publishes awaiting their acknowledgement.
	 * @param maxInflight the maximum
	 */
	public void setMaxInflight(int maxInflight) {
		this.maxInflight = maxInflight;
	}

	/**
	 * Returns the delay before the first reconnect attempt.
	 * @return the delay
	 */
	public Duration getReconnectInitialDelay() {
		return this.reconnectInitialDelay;
	}

	/**
	 * Sets the delay before the first reconnect attempt.
	 * @param reconnectInitialDelay the delay
	 */
	public void setReconnectInitialDelay(Duration reconnectInitialDelay) {
		this.reconnectInitialDelay = reconnectInitialDelay;
	}

	/**
	 * Returns the longest delay between reconnect attempts.
	 * @return the delay
	 */
	public Duration getReconnectMaxDelay() {
		return this.reconnectMaxDelay;
	}

	/**
	 * Sets the longest delay between reconnect attempts.
	 * @param reconnectMaxDelay the delay
	 */
	public void setReconnectMaxDelay(Duration reconnectMaxDelay) {
		this.reconnectMaxDelay = reconnectMaxDelay;
	}

	/**
	 * Returns the factor applied to the delay after each failed round of attempts.
	 * @return the multiplier
	 */
	public double getReconnectMultiplier() {
		return this.reconnectMultiplier;
	}

	/**
	 * Sets the factor applied to the delay after each failed round of attempts.
	 * @param reconnectMultiplier the multiplier
	 */
	public void setReconnectMultiplier(double reconnectMultiplier) {
		this.reconnectMultiplier = reconnectMultiplier;
	}

	/**
	 * Returns the fraction of each delay that is randomised.
	 * @return a fraction from 0 to 1
	 */
	public double getReconnectJitter() {
		return this.reconnectJitter;
	}

	/**
	 * Sets the fraction of each delay that is randomised.
	 * @param reconnectJitter a fraction from 0 to 1
	 */
	public void setReconnectJitter(double reconnectJitter) {
		this.reconnectJitter = reconnectJitter;
	}

	/**
	 * Returns how long a connection must last before the reconnect backoff starts over.
	 * @return the duration
	 */
	public Duration getReconnectStableAfter() {
		return this.reconnectStableAfter;
	}

	/**
	 * Sets how long a connection must last before the reconnect backoff starts over; losing
	 * connections sooner, three in a row, is taken for a client id conflict.
	 * @param reconnectStableAfter a positive duration
	 */
	public void setReconnectStableAfter(Duration reconnectStableAfter) {
		this.reconnectStableAfter = reconnectStableAfter;
	}

	/**
	 * Returns how long the client may be reconnecting before its failures are logged as warnings
	 * and its health turns {@code DOWN}.
	 * @return the grace period
	 */
	public Duration getGracePeriod() {
		return this.gracePeriod;
	}

	/**
	 * Sets how long the client may be connecting or reconnecting before its failures are
	 * logged as warnings rather than information and its health turns {@code DOWN}
	 * ({@code mqtt.health.grace-period}).
	 * @param gracePeriod the grace period
	 */
	public void setGracePeriod(Duration gracePeriod) {
		this.gracePeriod = gracePeriod;
	}

	/**
	 * Returns how long {@link ManagedMqttClient#start()} waits for the first connection.
	 * @return the wait; zero does not wait
	 */
	public Duration getWaitForConnection() {
		return this.waitForConnection;
	}

	/**
	 * Sets how long {@link ManagedMqttClient#start()} waits for the first connection.
	 * @param waitForConnection the wait; zero does not wait
	 */
	public void setWaitForConnection(Duration waitForConnection) {
		this.waitForConnection = waitForConnection;
	}

	/**
	 * Returns the longest time to drain listener work and outstanding publishes before disconnecting.
	 * @return the timeout
	 */
	public Duration getShutdownTimeout() {
		return this.shutdownTimeout;
	}

	/**
	 * Sets the longest time to drain listener work and outstanding publishes before disconnecting.
	 * @param shutdownTimeout the timeout
	 */
	public void setShutdownTimeout(Duration shutdownTimeout) {
		this.shutdownTimeout = shutdownTimeout;
	}

	/**
	 * Returns the number of publishes held while disconnected.
	 * @return the capacity; 0 fails them at once
	 */
	public int getBufferCapacity() {
		return this.bufferCapacity;
	}

	/**
	 * Sets the number of publishes held while disconnected.
	 * @param bufferCapacity the capacity; 0 fails them at once
	 */
	public void setBufferCapacity(int bufferCapacity) {
		this.bufferCapacity = bufferCapacity;
	}

	/**
	 * Returns whether inbound QoS 1 and 2 messages are acknowledged when released rather than on receipt.
	 * @return whether acknowledgements are manual
	 */
	public boolean isManualAcks() {
		return this.manualAcks;
	}

	/**
	 * Sets whether inbound QoS 1 and 2 messages are acknowledged when released rather than on receipt.
	 * @param manualAcks whether acknowledgements are manual
	 */
	public void setManualAcks(boolean manualAcks) {
		this.manualAcks = manualAcks;
	}

	/**
	 * Returns whether the threads that run the application's code are virtual threads.
	 * @return whether virtual threads were asked for
	 */
	public boolean isVirtualThreads() {
		return this.virtualThreads;
	}

	/**
	 * Sets whether the threads that run the application's code (listener workers, callbacks of
	 * futures, event listeners) are virtual threads, named and counted as the others. Needs Java
	 * 21 or later; earlier the client runs platform threads. The connection's own threads stay
	 * platform threads.
	 * @param virtualThreads whether to use virtual threads
	 */
	public void setVirtualThreads(boolean virtualThreads) {
		this.virtualThreads = virtualThreads;
	}

	/**
	 * Returns what wraps every publish of the client.
	 * @return the interceptor, or {@code null} for none
	 */
	public MqttPublishInterceptor getPublishInterceptor() {
		return this.publishInterceptor;
	}

	/**
	 * Sets what wraps every publish of the client, such as the observation of publishes.
	 * @param publishInterceptor the interceptor, or {@code null} for none
	 */
	public void setPublishInterceptor(MqttPublishInterceptor publishInterceptor) {
		this.publishInterceptor = publishInterceptor;
	}

}
