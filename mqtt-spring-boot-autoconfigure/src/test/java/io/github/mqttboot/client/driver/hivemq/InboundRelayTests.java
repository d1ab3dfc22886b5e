package io.github.mqttboot.client.driver.hivemq;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import io.github.mqttboot.client.InboundMessage;
import io.github.mqttboot.client.MqttMessageProperties;
import io.github.mqttboot.client.driver.DriverListener;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The relay between HiveMQ's event loop and the callback thread, with publishes as
 * {@code "qos:topic"} strings and the callback thread as a queue run by hand.
 */
class InboundRelayTests {

	private final Queue<Runnable> callbackThread = new ArrayDeque<>();

	private final Executor callbacks = this.callbackThread::add;

	private final Recorder listener = new Recorder();

	private final List<String> acknowledged = new ArrayList<>();

	@Test
	void deliversInArrivalOrderOnTheCallbackThread() {
		InboundRelay<String> relay = relay(false);
		relay.arrived("1:a");
		relay.arrived("0:b");
		relay.arrived("2:c");
		assertThat(this.listener.arrived).isEmpty();
		runCallbacks();
		assertThat(this.listener.arrived).containsExactly("a", "b", "c");
	}

	@Test
	void qos0BeyondTheCapacityIsReportedDroppedAndQos1IsAlwaysTaken() {
		InboundRelay<String> relay = relay(false);
		for (int i = 0; i < InboundRelay.QOS0_CAPACITY; i++) {
			relay.arrived("0:held");
		}
		relay.arrived("0:beyond");
		relay.arrived("1:taken");
		assertThat(this.listener.dropped).containsExactly("beyond");
		runCallbacks();
		assertThat(this.listener.arrived).hasSize(InboundRelay.QOS0_CAPACITY + 1).endsWith("taken");
		relay.arrived("0:again");
		runCallbacks();
		assertThat(this.listener.arrived).endsWith("again");
		assertThat(this.listener.dropped).containsExactly("beyond");
	}

	@Test
	void withAutomaticAcknowledgementsAPublishIsAcknowledgedOnceDelivered() {
		InboundRelay<String> relay = relay(false);
		relay.arrived("1:a");
		assertThat(this.acknowledged).isEmpty();
		runCallbacks();
		assertThat(this.acknowledged).containsExactly("1:a");
	}

	@Test
	void withManualAcknowledgementsOnlyTheMessagesReleaseAcknowledges() {
		InboundRelay<String> relay = relay(true);
		relay.arrived("1:a");
		runCallbacks();
		assertThat(this.acknowledged).isEmpty();
		this.listener.messages.get(0).release();
		assertThat(this.acknowledged).containsExactly("1:a");
	}

	@Test
	void anErrorWhileDeliveringStrandsNothingQueuedBehindIt() {
		InboundRelay<String> relay = relay(false);
		relay.arrived("1:error");
		relay.arrived("1:next");
		assertThatExceptionOfType(StackOverflowError.class).isThrownBy(() -> this.callbackThread.poll().run());
		runCallbacks();
		assertThat(this.listener.arrived).containsExactly("error", "next");
	}

	@Test
	void aLongQueueIsDeliveredInTurnsSoOtherCallbacksRunBetween() {
		InboundRelay<String> relay = relay(false);
		for (int i = 0; i < 1000; i++) {
			relay.arrived("1:t");
		}
		this.callbackThread.poll().run();
		assertThat(this.listener.arrived).hasSizeBetween(1, 999);
		assertThat(this.callbackThread).hasSize(1);
		runCallbacks();
		assertThat(this.listener.arrived).hasSize(1000);
	}

	@Test
	void whatIsStillQueuedWhenTheConnectionClosesIsReportedDroppedForQos0() {
		InboundRelay<String> relay = relay(true);
		relay.arrived("0:a");
		relay.arrived("1:b");
		relay.arrived("0:c");
		// the callback thread ended with the connection before it ran
		this.callbackThread.clear();
		relay.discardQueued();
		assertThat(this.listener.arrived).isEmpty();
		assertThat(this.listener.dropped).containsExactly("a", "c");
		// QoS 1 stays unacknowledged, for the broker to send again
		assertThat(this.acknowledged).doesNotContain("1:b");
	}

	@Test
	void aReleaseAfterTheConnectionClosedIsNoFailure() {
		InboundRelay<String> relay = new InboundRelay<>(this.listener, this.callbacks, true,
				(publish) -> publish.startsWith("0:"), InboundRelayTests::message, (publish) -> {
					throw new RejectedExecutionException("event executor terminated");
				});
		relay.arrived("1:a");
		runCallbacks();
		assertThatNoException().isThrownBy(this.listener.messages.get(0)::release);
	}

	private InboundRelay<String> relay(boolean manualAcks) {
		return new InboundRelay<>(this.listener, this.callbacks, manualAcks, (publish) -> publish.startsWith("0:"),
				InboundRelayTests::message, this.acknowledged::add);
	}

	private static InboundMessage message(String publish, Runnable acknowledgement) {
		return new InboundMessage(publish.substring(2), new byte[0], publish.charAt(0) - '0', false, false, 0,
				MqttMessageProperties.NONE, acknowledgement);
	}

	private void runCallbacks() {
		Runnable task;
		while ((task = this.callbackThread.poll()) != null) {
			task.run();
		}
	}

	private static final class Recorder implements DriverListener {

		final List<String> arrived = new ArrayList<>();

		final List<InboundMessage> messages = new ArrayList<>();

		final List<String> dropped = new ArrayList<>();

		@Override
		public void messageArrived(InboundMessage message) {
			this.arrived.add(message.topic());
			this.messages.add(message);
			if (message.topic().equals("error") && this.arrived.size() == 1) {
				throw new StackOverflowError();
			}
		}

		@Override
		public void messageDropped(InboundMessage message) {
			this.dropped.add(message.topic());
		}

		@Override
		public void connectionLost(Throwable cause) {
		}

	}

}
