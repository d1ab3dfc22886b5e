package io.github.mqttboot.client;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A handler that records what it gets: payloads as text, QoS and subscription identifiers.
 */
final class ReceivedMessages implements MqttMessageHandler {

	final List<String> payloads = new CopyOnWriteArrayList<>();

	final List<Integer> qos = new CopyOnWriteArrayList<>();

	final List<List<Integer>> ids = new CopyOnWriteArrayList<>();

	@Override
	public void handle(InboundMessage message) {
		this.qos.add(message.qos());
		this.ids.add(message.subscriptionIds());
		this.payloads.add(new String(message.payload(), StandardCharsets.UTF_8));
	}

}
