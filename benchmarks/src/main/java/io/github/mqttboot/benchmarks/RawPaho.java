package io.github.mqttboot.benchmarks;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * Raw Paho v5 written as a user would: an {@link MqttAsyncClient} with memory persistence and a
 * callback that does the work in {@code messageArrived}.
 */
final class RawPaho implements AutoCloseable {

	private final MqttAsyncClient client;

	final AtomicInteger disconnects = new AtomicInteger();

	private volatile BiConsumer<String, MqttMessage> handler = (topic, message) -> {
	};

	private volatile Runnable onReconnect = () -> {
	};

	RawPaho(String uri, String clientId) throws MqttException {
		this.client = new MqttAsyncClient(uri, clientId, new MemoryPersistence());
		this.client.setCallback(new MqttCallback() {

			@Override
			public void messageArrived(String topic, MqttMessage message) {
				RawPaho.this.handler.accept(topic, message);
			}

			@Override
			public void disconnected(MqttDisconnectResponse response) {
				RawPaho.this.disconnects.incrementAndGet();
			}

			@Override
			public void connectComplete(boolean reconnect, String serverURI) {
				if (reconnect) {
					RawPaho.this.onReconnect.run();
				}
			}

			@Override
			public void mqttErrorOccurred(MqttException exception) {
			}

			@Override
			public void deliveryComplete(IMqttToken token) {
			}

			@Override
			public void authPacketArrived(int reasonCode, MqttProperties properties) {
			}

		});
	}

	static MqttConnectionOptions options() {
		MqttConnectionOptions options = new MqttConnectionOptions();
		options.setCleanStart(true);
		options.setKeepAliveInterval(30);
		return options;
	}

	RawPaho connect(MqttConnectionOptions options) throws MqttException {
		this.client.connect(options).waitForCompletion(10_000);
		return this;
	}

	RawPaho onMessage(BiConsumer<String, MqttMessage> handler) {
		this.handler = handler;
		return this;
	}

	RawPaho onReconnect(Runnable action) {
		this.onReconnect = action;
		return this;
	}

	void subscribe(String topic, int qos) throws MqttException {
		this.client.subscribe(topic, qos).waitForCompletion(10_000);
	}

	MqttAsyncClient client() {
		return this.client;
	}

	/** Publishes as a user of Paho's asynchronous API would: the outcome comes to a listener. */
	void publish(String topic, byte[] payload, int qos, Consumer<Boolean> done) {
		try {
			this.client.publish(topic, payload, qos, false, null, new MqttActionListener() {

				@Override
				public void onSuccess(IMqttToken token) {
					done.accept(true);
				}

				@Override
				public void onFailure(IMqttToken token, Throwable exception) {
					done.accept(false);
				}

			});
		}
		catch (MqttException ex) {
			done.accept(false);
		}
	}

	@Override
	public void close() {
		try {
			if (this.client.isConnected()) {
				this.client.disconnect().waitForCompletion(5_000);
			}
		}
		catch (MqttException ex) {
			// closing anyway
		}
		try {
			this.client.close(true);
		}
		catch (MqttException ex) {
			// already closed
		}
	}

}
