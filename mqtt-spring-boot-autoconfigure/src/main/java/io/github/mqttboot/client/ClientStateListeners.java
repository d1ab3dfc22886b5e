package io.github.mqttboot.client;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The state listeners of one client, told of each change in turn; one that throws is logged and
 * never keeps the others from hearing of it, nor fails the supervisor thread that calls them.
 *
 * @author mqtt-spring-boot-starter
 */
final class ClientStateListeners implements ClientStateListener {

	private static final Log logger = LogFactory.getLog(ClientStateListeners.class);

	private final String clientName;

	private final List<ClientStateListener> listeners = new CopyOnWriteArrayList<>();

	ClientStateListeners(String clientName) {
		this.clientName = clientName;
	}

	void add(ClientStateListener listener) {
		this.listeners.add(listener);
	}

	void remove(ClientStateListener listener) {
		this.listeners.remove(listener);
	}

	@Override
	public void stateChanged(ClientState previous, ClientState current) {
		logger.debug("MQTT client '" + this.clientName + "': " + previous + " -> " + current);
		for (ClientStateListener listener : this.listeners) {
			try {
				listener.stateChanged(previous, current);
			}
			catch (OutOfMemoryError ex) {
				throw ex;
			}
			catch (Throwable ex) {
				// told in the middle of a transition: whatever a listener throws, the client goes on
				logger.warn("State listener failed", ex);
			}
		}
	}

}
