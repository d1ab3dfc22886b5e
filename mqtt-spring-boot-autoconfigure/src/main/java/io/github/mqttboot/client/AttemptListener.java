package io.github.mqttboot.client;

import java.net.URI;

import io.github.mqttboot.client.driver.DriverConnection;
import io.github.mqttboot.client.driver.DriverListener;

/**
 * What the driver of one connection attempt reports to: its messages go to the subscriptions,
 * on the driver's reading thread; its loss goes to the supervisor thread, named by the
 * connection it ended.
 *
 * @author mqtt-spring-boot-starter
 */
final class AttemptListener implements DriverListener {

	/** Handles the loss of a connection, on the supervisor thread. */
	@FunctionalInterface
	interface Loss {

		void lost(DriverConnection connection, URI uri, Throwable cause);

	}

	private final SubscriptionRegistry subscriptions;

	private final SupervisorThread thread;

	private final URI uri;

	private final Loss loss;

	private final PendingWork pendingWork;

	// set on the supervisor thread, read there too: the loss is handled on it
	private DriverConnection connection;

	AttemptListener(SubscriptionRegistry subscriptions, SupervisorThread thread, URI uri, Loss loss,
			PendingWork pendingWork) {
		this.subscriptions = subscriptions;
		this.thread = thread;
		this.uri = uri;
		this.loss = loss;
		this.pendingWork = pendingWork;
	}

	/** The connection the driver returned for this attempt; on the supervisor thread. */
	void connectionIs(DriverConnection connection) {
		this.connection = connection;
	}

	/**
	 * Releases the attempt's connection, which nobody wants any more (its client stopped), and
	 * ends the attempt's pending work; with the stop's interrupt set aside, since an interrupted
	 * release would leave Paho's connect task behind.
	 */
	void abandon() {
		boolean interrupted = Thread.interrupted();
		this.pendingWork.end();
		this.connection.close();
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void messageArrived(InboundMessage message) {
		this.subscriptions.dispatch(message);
	}

	@Override
	public void messageDropped(InboundMessage message) {
		this.subscriptions.dropped(message);
	}

	@Override
	public void connectionLost(Throwable cause) {
		this.thread.execute(() -> this.loss.lost(this.connection, this.uri, cause));
	}

}
