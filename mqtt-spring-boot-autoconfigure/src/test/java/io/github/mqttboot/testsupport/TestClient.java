package io.github.mqttboot.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * A raw Paho MQTT 5 client for tests of the test brokers themselves: collects messages as text
 * and counts disconnects; closing never waits on the peer.
 */
public final class TestClient implements MqttCallback, AutoCloseable {

	public final MqttAsyncClient mqtt;

	public final BlockingQueue<String> messages = new LinkedBlockingQueue<>();

	public final AtomicInteger disconnects = new AtomicInteger();

	/** When the last disconnect was seen ({@link System#nanoTime()}), or 0. */
	public final AtomicLong lastDisconnectNanos = new AtomicLong();

	private volatile Runnable onMessage = () -> {
	};

	public TestClient(String uri) throws MqttException {
		this(uri, "test-" + UUID.randomUUID());
	}

	public TestClient(String uri, String clientId) throws MqttException {
		this.mqtt = new MqttAsyncClient(uri, clientId, new MemoryPersistence());
		this.mqtt.setCallback(this);
	}

	/**
	 * Runs the given work in the callback after each message, as a slow application would.
	 * @param work the work
	 * @return this client
	 */
	public TestClient onMessage(Runnable work) {
		this.onMessage = work;
		return this;
	}

	public IMqttToken connect(MqttConnectionOptions options) throws MqttException {
		IMqttToken token = this.mqtt.connect(options);
		token.waitForCompletion(10_000);
		return token;
	}

	@Override
	public void messageArrived(String topic, MqttMessage message) {
		this.messages.add(new String(message.getPayload(), StandardCharsets.UTF_8));
		this.onMessage.run();
	}

	@Override
	public void disconnected(MqttDisconnectResponse response) {
		this.disconnects.incrementAndGet();
		this.lastDisconnectNanos.set(System.nanoTime());
	}

	@Override
	public void mqttErrorOccurred(MqttException exception) {
	}

	@Override
	public void deliveryComplete(IMqttToken token) {
	}

	@Override
	public void connectComplete(boolean reconnect, String serverURI) {
	}

	@Override
	public void authPacketArrived(int reasonCode, MqttProperties properties) {
	}

	@Override
	public void close() {
		try {
			this.mqtt.disconnectForcibly(0, 0, false);
		}
		catch (MqttException ex) {
			// not connected
		}
		try {
			this.mqtt.close(true);
		}
		catch (MqttException ex) {
			// best effort
		}
	}

}
