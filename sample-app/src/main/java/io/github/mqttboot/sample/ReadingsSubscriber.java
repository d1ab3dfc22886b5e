package io.github.mqttboot.sample;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import io.github.mqttboot.client.InboundMessage;
import io.github.mqttboot.client.ManagedMqttClient;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Subscribes to every sensor's readings and logs them. The client restores the subscription
 * after each reconnect.
 */
@Component
class ReadingsSubscriber implements InitializingBean {

	private static final Log logger = LogFactory.getLog(ReadingsSubscriber.class);

	private final ManagedMqttClient client;

	private final AtomicLong received = new AtomicLong();

	ReadingsSubscriber(ManagedMqttClient client) {
		this.client = client;
	}

	@Override
	public void afterPropertiesSet() {
		this.client.subscribe("sensors/+/temperature", 1, this::onReading);
	}

	private void onReading(InboundMessage message) {
		this.received.incrementAndGet();
		logger.info("Received on " + message.topic() + ": " + new String(message.payload(), StandardCharsets.UTF_8));
	}

	long received() {
		return this.received.get();
	}

}
