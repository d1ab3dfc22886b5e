package io.github.mqttboot.client.driver.paho;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import io.github.mqttboot.client.InboundMessage;
import io.github.mqttboot.client.MqttClientSettings;
import io.github.mqttboot.client.MqttMessageProperties;
import io.github.mqttboot.client.OutboundMessage;
import io.github.mqttboot.client.OwnedThreads;
import io.github.mqttboot.client.driver.ConnectRequest;
import io.github.mqttboot.client.driver.ConnectionInfo;
import io.github.mqttboot.client.driver.DriverListener;
import io.github.mqttboot.client.driver.SubscriptionRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A manual PUBACK counts as unwritten, as a publish does, so that the socket holds its flush
 * back for it; the Paho client underneath is a stand-in that records the count.
 */
class PahoConnectionAcknowledgementTests {

	private final UnwrittenPackets unwritten = new UnwrittenPackets();

	private final StandInClient client = new StandInClient();

	private final AtomicReference<InboundMessage> received = new AtomicReference<>();

	private final PahoConnection connection = PahoConnection.open(request(), listener(),
			(executor, connection) -> new StandInProtocol(this.client, executor), this.unwritten);

	@AfterEach
	void close() {
		this.connection.close();
	}

	@Test
	void aQos1AcknowledgementIsCountedFromBeforePahoTakesItUntilItIsWritten() {
		arrive(1).release();
		assertThat(this.client.unwrittenWhenAcknowledged).isTrue();
		assertThat(this.unwritten.any()).as("until the sender writes the PUBACK").isTrue();
		this.unwritten.written();
		assertThat(this.unwritten.any()).isFalse();
	}

	@Test
	void anAcknowledgementPahoRefusesIsNotCounted() {
		this.client.refuse = true;
		arrive(1).release();
		assertThat(this.client.unwrittenWhenAcknowledged).isTrue();
		assertThat(this.unwritten.any()).isFalse();
	}

	@Test
	void aQos2AcknowledgementIsNotCounted() {
		arrive(2).release();
		assertThat(this.client.unwrittenWhenAcknowledged).isFalse();
		assertThat(this.unwritten.any()).isFalse();
	}

	private InboundMessage arrive(int qos) {
		this.connection.messageArrived("sensors/1", new byte[] { 1 }, qos, false, false, 7, MqttMessageProperties.NONE,
				List.of());
		return this.received.get();
	}

	private static ConnectRequest request() {
		MqttClientSettings settings = new MqttClientSettings();
		settings.setManualAcks(true);
		return new ConnectRequest(URI.create("tcp://127.0.0.1:1883"), settings, new OwnedThreads("test"));
	}

	private DriverListener listener() {
		return new DriverListener() {

			@Override
			public void messageArrived(InboundMessage message) {
				PahoConnectionAcknowledgementTests.this.received.set(message);
			}

			@Override
			public void messageDropped(InboundMessage message) {
			}

			@Override
			public void connectionLost(Throwable cause) {
			}

		};
	}

	/** Records whether a packet was counted unwritten when Paho was asked to acknowledge. */
	private final class StandInClient implements PahoClient {

		volatile boolean refuse;

		volatile Boolean unwrittenWhenAcknowledged;

		@Override
		public boolean isConnected() {
			return false;
		}

		@Override
		public void setManualAcks(boolean manualAcks) {
		}

		@Override
		public void messageArrivedComplete(int messageId, int qos) throws Exception {
			this.unwrittenWhenAcknowledged = PahoConnectionAcknowledgementTests.this.unwritten.any();
			if (this.refuse) {
				throw new IllegalStateException("not connected");
			}
		}

		@Override
		public void disconnectForcibly(long quiesceTimeout, long disconnectTimeout, boolean sendDisconnectPacket) {
		}

		@Override
		public void close(boolean force) {
		}

	}

	private record StandInProtocol(PahoClient client, PahoExecutor executor) implements PahoProtocol {

		@Override
		public void connect(CompletableFuture<ConnectionInfo> connack) {
			// no CONNACK: a connect task that ended, as Paho's does, so that closing waits for nothing
			this.executor.connectTaskDone.countDown();
		}

		@Override
		public Throwable connectFailure(Throwable exception) {
			return exception;
		}

		@Override
		public CompletableFuture<Integer> publish(OutboundMessage message) {
			return new CompletableFuture<>();
		}

		@Override
		public boolean isWindowFull(Exception exception) {
			return false;
		}

		@Override
		public CompletableFuture<int[]> subscribe(List<SubscriptionRequest> subscriptions) {
			return new CompletableFuture<>();
		}

		@Override
		public CompletableFuture<Void> unsubscribe(List<String> filters) {
			return new CompletableFuture<>();
		}

		@Override
		public boolean holdsAcknowledgement(int qos) {
			return qos > 0;
		}

		@Override
		public void disconnect(long timeoutMillis) {
		}

	}

}
