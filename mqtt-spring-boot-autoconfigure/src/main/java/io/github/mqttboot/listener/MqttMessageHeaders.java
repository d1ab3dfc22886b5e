package io.github.mqttboot.listener;

import org.springframework.messaging.MessageHeaders;

/**
 * The headers of a message handed to a listener, filled once where they are built, before the
 * message is shared. Without the {@code id} and {@code timestamp} headers that nobody reads, as
 * Spring Kafka's listener messages: one map per message instead of two, and no random UUID.
 *
 * @author mqtt-spring-boot-starter
 */
final class MqttMessageHeaders extends MessageHeaders {

	MqttMessageHeaders() {
		super(null, ID_VALUE_NONE, -1L);
	}

	void set(String name, Object value) {
		getRawHeaders().put(name, value);
	}

}
