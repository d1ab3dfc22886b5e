package io.github.mqttboot.actuate;

import java.util.List;
import java.util.Map;

/**
 * What the {@code mqtt} endpoint needs from the listeners: their descriptions, and pausing and
 * resuming one. Implemented over the listener registry, so that the endpoint does not depend
 * on how listeners are run.
 *
 * @author mqtt-spring-boot-starter
 * @since 0.1.0
 */
public interface MqttListenersView {

	/**
	 * Describes every listener.
	 * @return the listeners, in a stable order
	 */
	List<ListenerDescription> listeners();

	/**
	 * Pauses a listener: it stops taking messages until resumed.
	 * @param id the listener's id
	 * @return {@code false} if no listener has that id
	 */
	boolean pause(String id);

	/**
	 * Resumes a paused listener.
	 * @param id the listener's id
	 * @return {@code false} if no listener has that id
	 */
	boolean resume(String id);

	/**
	 * Describes one listener.
	 *
	 * @param id the listener's id
	 * @param client the name of the client it subscribes with
	 * @param topics its topic filters
	 * @param qos its maximum QoS
	 * @param running whether it is started
	 * @param paused whether it is paused
	 * @param state {@code running}, {@code paused}, {@code stalled}, {@code refused} or
	 * {@code stopped}
	 * @param failing whether the state is a failure: a listener that should run (it starts with
	 * the application and was not stopped by id) is stalled, refused or stopped
	 * @param received messages received
	 * @param errors messages whose handling failed
	 * @param queued messages in its hand-off, not yet taken by a worker
	 * @param longestCallMillis how long its longest handler call under way has been running
	 * @param refused its topic filters the broker refused, with the SUBACK reason code
	 */
	record ListenerDescription(String id, String client, List<String> topics, int qos, boolean running, boolean paused, String state,
			boolean failing, long received, long errors, int queued, long longestCallMillis,
			Map<String, String> refused) {
	}

}
