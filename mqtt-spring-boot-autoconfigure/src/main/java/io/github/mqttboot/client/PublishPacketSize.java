package io.github.mqttboot.client;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The size of the MQTT 5 PUBLISH packet a message becomes, to hold it against the broker's
 * Maximum Packet Size before it is sent: a broker disconnects a client that exceeds it. Public
 * for the drivers.
 *
 * @author mqtt-spring-boot-starter
 * @since 0.1.0
 */
public final class PublishPacketSize {

	private PublishPacketSize() {
	}

	/**
	 * Why a message exceeds the broker's Maximum Packet Size (sending it would only make the broker
	 * disconnect us), or {@code null}; sized only against a limit, since sizing encodes the topic.
	 * @param message the message to send
	 * @param maximumPacketSize the broker's limit, 0 or less for none
	 * @return the reason, or {@code null} if it fits
	 */
	static String oversize(OutboundMessage message, long maximumPacketSize) {
		if (!mayExceed(message, maximumPacketSize)) {
			return null;
		}
		long size = of(message);
		return (size > maximumPacketSize) ? "PUBLISH to '" + message.topic() + "' is " + size
				+ " bytes, more than the broker's Maximum Packet Size of " + maximumPacketSize + " bytes" : null;
	}

	/**
	 * Returns whether a message may make a PUBLISH larger than a limit: {@code false} when an
	 * upper bound of its size, counted without encoding anything, is within it.
	 * @param message the message
	 * @param limit the limit, 0 or less for none
	 * @return whether to size it exactly
	 */
	public static boolean mayExceed(OutboundMessage message, long limit) {
		if (limit <= 0) {
			return false;
		}
		// at most 3 bytes per char in UTF-8; 5 for the fixed header, 4 for the properties' length
		long bound = 5 + 2 + 3L * message.topic().length() + 2 + 4 + message.payload().length;
		MqttMessageProperties properties = message.properties();
		if (properties != null) {
			bound += 3 + 3L * length(properties.contentType()) + 3 + 3L * length(properties.responseTopic())
					+ 3 + ((properties.correlationData() != null) ? properties.correlationData().length : 0) + 5 + 2;
			for (Map.Entry<String, String> user : properties.userProperties().entrySet()) {
				bound += 5 + 3L * (user.getKey().length() + user.getValue().length());
			}
		}
		return bound > limit;
	}

	private static int length(String value) {
		return (value != null) ? value.length() : 0;
	}

	/**
	 * Returns the size of the PUBLISH packet of a message, with a packet identifier for QoS 1
	 * and 2, every property it has, and no topic alias.
	 * @param message the message
	 * @return the size in bytes
	 */
	public static long of(OutboundMessage message) {
		long properties = propertiesLength(message.properties());
		long remaining = utf8(message.topic()) + ((message.qos() > 0) ? 2 : 0) + variableByteIntegerSize(properties)
				+ properties + message.payload().length;
		return 1 + variableByteIntegerSize(remaining) + remaining;
	}

	private static long propertiesLength(MqttMessageProperties properties) {
		if (properties == null) {
			return 0;
		}
		long length = 0;
		if (properties.contentType() != null) {
			length += 1 + utf8(properties.contentType());
		}
		if (properties.responseTopic() != null) {
			length += 1 + utf8(properties.responseTopic());
		}
		if (properties.correlationData() != null) {
			length += 1 + 2 + properties.correlationData().length;
		}
		if (properties.messageExpiry() != null) {
			// a four-byte integer
			length += 1 + 4;
		}
		if (properties.payloadFormatUtf8() != null) {
			length += 1 + 1;
		}
		for (Map.Entry<String, String> user : properties.userProperties().entrySet()) {
			length += 1 + utf8(user.getKey()) + utf8(user.getValue());
		}
		return length;
	}

	private static long utf8(String value) {
		return 2 + value.getBytes(StandardCharsets.UTF_8).length;
	}

	private static int variableByteIntegerSize(long value) {
		return (value < 128) ? 1 : (value < 16_384) ? 2 : (value < 2_097_152) ? 3 : 4;
	}

}
