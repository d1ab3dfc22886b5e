package io.github.mqttboot.client.driver.paho;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.github.mqttboot.client.OutboundMessage;
import io.github.mqttboot.client.driver.ConnectionInfo;
import io.github.mqttboot.client.driver.SubscriptionRequest;

/**
 * What Paho's MQTT 5 and MQTT 3.1.1 clients do differently; everything else (the pool, the
 * connect outcome, acknowledgements, disconnect and teardown) is in {@link PahoConnection}. An
 * implementation also takes its client's callbacks and hands them to its connection.
 *
 * @author mqtt-spring-boot-starter
 */
interface PahoProtocol {

	/**
	 * Returns the Paho client, for the calls that both generations have.
	 * @return the client
	 */
	PahoClient client();

	/**
	 * Registers the client's callbacks and sends CONNECT.
	 * @param connack completed, on the Paho thread that sees the outcome, with the CONNACK's
	 * {@link ConnectionInfo} or with Paho's failure
	 * @throws Exception Paho's refusal to connect
	 */
	void connect(CompletableFuture<ConnectionInfo> connack) throws Exception;

	/**
	 * Returns what a failed connect means, as {@code ConnectFailures} classifies it.
	 * @param exception Paho's failure
	 * @return the failure to report
	 */
	Throwable connectFailure(Throwable exception);

	/**
	 * Sends one message.
	 * @param message the message
	 * @return completes on PUBACK/PUBCOMP, or when written for QoS 0, with the packet identifier
	 * @throws Exception Paho's refusal to send it
	 */
	CompletableFuture<Integer> publish(OutboundMessage message) throws Exception;

	/**
	 * Returns whether Paho refused a publish because its in-flight window is full.
	 * @param exception what {@link #publish} threw
	 * @return whether the window is full
	 */
	boolean isWindowFull(Exception exception);

	/**
	 * Returns what a failed publish means; by default, Paho's failure as it is.
	 * @param failure the failure
	 * @return the failure to report
	 */
	default Throwable publishFailure(Throwable failure) {
		return failure;
	}

	/**
	 * Subscribes to the given filters.
	 * @param subscriptions the filters and their QoS
	 * @return the reason code the broker granted for each filter, in order
	 * @throws Exception Paho's refusal to send the SUBSCRIBE
	 */
	CompletableFuture<int[]> subscribe(List<SubscriptionRequest> subscriptions) throws Exception;

	/**
	 * Unsubscribes from the given filters.
	 * @param filters the filters
	 * @return completes on UNSUBACK
	 * @throws Exception Paho's refusal to send the UNSUBSCRIBE
	 */
	CompletableFuture<Void> unsubscribe(List<String> filters) throws Exception;

	/**
	 * Returns whether, with manual acks, Paho holds back its acknowledgement of an inbound
	 * message of this QoS until {@link PahoClient#messageArrivedComplete}.
	 * @param qos the message's QoS
	 * @return whether the message's release acknowledges it
	 */
	boolean holdsAcknowledgement(int qos);

	/**
	 * Returns what else the release of a handled inbound message does, if anything.
	 * @param messageId the message's packet identifier
	 * @param qos the message's QoS
	 * @return what its release runs, or {@code null}
	 */
	default Runnable afterHandling(int messageId, int qos) {
		return null;
	}

	/**
	 * Sends DISCONNECT and waits for it to complete.
	 * @param timeoutMillis how long Paho waits for work in progress, and then for the DISCONNECT
	 * @throws Exception Paho's failure
	 */
	void disconnect(long timeoutMillis) throws Exception;

}
