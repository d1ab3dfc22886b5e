package io.github.mqttboot.integration;

import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.mqttboot.client.ClientState;
import io.github.mqttboot.client.ClientStateListener;
import io.github.mqttboot.client.ManagedMqttClient;
import io.github.mqttboot.client.MqttClientSettings;
import org.eclipse.paho.mqttv5.client.IMqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;

import org.springframework.integration.mqtt.core.AbstractMqttClientManager;

/**
 * Spring Integration's {@link org.springframework.integration.mqtt.core.ClientManager} over the
 * supervised client, so that {@code Mqttv5PahoMessageDrivenChannelAdapter} and
 * {@code Mqttv5PahoMessageHandler} share its one connection, its threads and its meters. Its
 * lifecycle defers to the supervisor: starting and stopping it (or an adapter) never opens or
 * closes the connection. Connect callbacks fire on every connect, on the client's own thread.
 *
 * @author mqtt-spring-boot-starter
 */
public class SupervisedClientManager extends AbstractMqttClientManager<IMqttAsyncClient, MqttConnectionOptions> {

	/** Between the client, which starts first, and Spring Integration's endpoints. */
	public static final int PHASE = ManagedMqttClient.PHASE + 500;

	private final ManagedMqttClient client;

	private final SupervisedMqttAsyncClient facade;

	private final InboundDispatcher dispatcher;

	private final MqttConnectionOptions connectionInfo;

	private final ClientStateListener connectNotifier = this::stateChanged;

	private final AtomicBoolean connectedBefore = new AtomicBoolean();

	private volatile boolean running;

	public SupervisedClientManager(ManagedMqttClient client) {
		super(client.getClientId());
		this.client = client;
		MqttClientSettings settings = client.getSettings();
		this.dispatcher = new InboundDispatcher(client, Math.max(1, settings.getReceiveMaximum()));
		this.facade = new SupervisedMqttAsyncClient(client, this.dispatcher);
		this.connectionInfo = connectionInfo(settings);
		setUrl(settings.getServerUris().get(0).toString());
		setClient(this.facade);
		setPhase(PHASE);
	}

	/** What adapters read from the options; no credentials, which the client keeps to itself. */
	private static MqttConnectionOptions connectionInfo(MqttClientSettings settings) {
		MqttConnectionOptions options = new MqttConnectionOptions();
		options.setServerURIs(settings.getServerUris().stream().map(Object::toString).toArray(String[]::new));
		options.setCleanStart(settings.isCleanStart());
		options.setSessionExpiryInterval(settings.getSessionExpiry().toSeconds());
		options.setKeepAliveInterval((int) settings.getKeepAlive().toSeconds());
		options.setAutomaticReconnect(false);
		return options;
	}

	@Override
	public MqttConnectionOptions getConnectionInfo() {
		return this.connectionInfo;
	}

	@Override
	public void setManualAcks(boolean manualAcks) {
		super.setManualAcks(manualAcks);
		this.facade.setManualAcks(manualAcks);
	}

	@Override
	public void start() {
		if (this.running) {
			return;
		}
		this.running = true;
		this.dispatcher.start();
		this.client.addStateListener(this.connectNotifier);
		if (this.client.isConnected()) {
			notifyConnected();
		}
	}

	@Override
	public void stop() {
		if (!this.running) {
			return;
		}
		this.running = false;
		this.client.removeStateListener(this.connectNotifier);
		this.dispatcher.stop(this.client.getSettings().getShutdownTimeout());
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public boolean isConnected() {
		return this.client.isConnected();
	}

	private void stateChanged(ClientState previous, ClientState current) {
		if (current == ClientState.CONNECTED) {
			notifyConnected();
		}
	}

	/**
	 * On the dispatcher's thread: adapters subscribe from the callback and wait for SUBACK, which
	 * the supervisor's thread (this caller) takes part in. Skipped when the hand-off is full: the
	 * client restores every subscription itself, the callback only tells the adapters.
	 */
	private void notifyConnected() {
		boolean reconnect = this.connectedBefore.getAndSet(true);
		if (getCallbacks().isEmpty()) {
			return;
		}
		this.dispatcher.offer(() -> new ArrayList<>(getCallbacks()).forEach((callback) -> callback.connectComplete(reconnect)));
	}

}
