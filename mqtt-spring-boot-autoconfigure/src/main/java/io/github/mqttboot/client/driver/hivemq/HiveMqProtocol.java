package io.github.mqttboot.client.driver.hivemq;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import com.hivemq.client.mqtt.MqttClientBuilder;
import io.github.mqttboot.client.InboundMessage;
import io.github.mqttboot.client.MqttClientSettings;
import io.github.mqttboot.client.MqttCredentials;
import io.github.mqttboot.client.OutboundMessage;
import io.github.mqttboot.client.driver.ConnectionInfo;
import io.github.mqttboot.client.driver.DriverListener;
import io.github.mqttboot.client.driver.SubscriptionRequest;

/**
 * The calls that differ between HiveMQ's MQTT 5 and MQTT 3.1.1 clients; everything else (threads,
 * transport, teardown) is in {@link HiveMqConnection}.
 *
 * @author mqtt-spring-boot-starter
 */
interface HiveMqProtocol {

	/**
	 * Creates the protocol's client.
	 * @param builder the configured builder (identifier, transport, executors, listeners)
	 * @param settings the client's settings
	 * @return the protocol
	 */
	static HiveMqProtocol create(MqttClientBuilder builder, MqttClientSettings settings) {
		return (settings.getProtocolVersion() == 3) ? new HiveMq3Protocol(builder.useMqttVersion3().build().toAsync())
				: new HiveMq5Protocol(builder.useMqttVersion5().build().toAsync());
	}

	/**
	 * Registers the listener of every inbound message; before {@link #connect}, so that a
	 * resumed session's queued messages find it.
	 * @param listener receives each message, and each QoS 0 message dropped
	 * @param callbacks delivers the messages, in arrival order
	 * @param manualAcks whether a message is acknowledged only by its {@link InboundMessage#release()}
	 * @return the relay the messages go through
	 */
	InboundRelay<?> inbound(DriverListener listener, Executor callbacks, boolean manualAcks);

	CompletableFuture<ConnectionInfo> connect(java.net.URI serverUri, MqttClientSettings settings,
			MqttCredentials credentials);

	CompletableFuture<Integer> publish(OutboundMessage message);

	CompletableFuture<int[]> subscribe(List<SubscriptionRequest> subscriptions);

	CompletableFuture<Void> unsubscribe(List<String> filters);

	CompletableFuture<Void> disconnect();

	/** Whether the client is connected. */
	boolean isConnected();

	/**
	 * Returns what the loss of a connection that the broker ended means.
	 * @param cause HiveMQ's cause
	 * @return the cause to report; by default, HiveMQ's
	 */
	default Throwable disconnectedByServer(Throwable cause) {
		return cause;
	}

	static byte[] bytes(ByteBuffer buffer) {
		byte[] bytes = new byte[buffer.remaining()];
		buffer.duplicate().get(bytes);
		return bytes;
	}

	/** {@code NOT_AUTHORIZED} as "Not authorized", as Paho and the MQTT spec phrase it. */
	static String phrase(Enum<?> code) {
		String words = code.name().replace('_', ' ').toLowerCase(Locale.ROOT);
		return Character.toUpperCase(words.charAt(0)) + words.substring(1);
	}

}
