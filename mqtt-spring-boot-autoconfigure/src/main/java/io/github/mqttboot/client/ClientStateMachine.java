package io.github.mqttboot.client;

import java.time.Instant;

/**
 * The state of one client and the one guarded place that moves it. {@code start} and
 * {@code stop} move it from the caller's thread (STOPPED to CONNECTING, to STOPPING, to
 * STOPPED), the supervisor's thread moves it between the connected states; once STOPPING only
 * STOPPED may follow, so a stop always ends in STOPPED whatever a connect or a loss completing at
 * the same moment does.
 *
 * @author mqtt-spring-boot-starter
 */
final class ClientStateMachine {

	private final ClientStateListener listener;

	private volatile ClientState state = ClientState.STOPPED;

	private volatile Instant since = Instant.now();

	ClientStateMachine(ClientStateListener listener) {
		this.listener = listener;
	}

	/**
	 * Moves to the next state, unless a stop got there first.
	 * @param next the next state
	 * @return whether the state changed
	 */
	synchronized boolean moveTo(ClientState next) {
		ClientState previous = this.state;
		if (previous == next || !mayFollow(previous, next)) {
			return false;
		}
		this.state = next;
		this.since = Instant.now();
		this.listener.stateChanged(previous, next);
		return true;
	}

	private static boolean mayFollow(ClientState previous, ClientState next) {
		return switch (previous) {
			case STOPPING -> next == ClientState.STOPPED;
			case STOPPED -> next == ClientState.CONNECTING;
			default -> true;
		};
	}

	ClientState state() {
		return this.state;
	}

	Instant since() {
		return this.since;
	}

	/** Neither stopping nor stopped. */
	boolean isActive() {
		ClientState current = this.state;
		return current != ClientState.STOPPING && current != ClientState.STOPPED;
	}

}
