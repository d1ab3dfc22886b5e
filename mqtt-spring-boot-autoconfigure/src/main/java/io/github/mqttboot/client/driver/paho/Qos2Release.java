package io.github.mqttboot.client.driver.paho;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;

/**
 * Works around a leak in Paho 1.2.5's MQTT 5 client: every inbound QoS 2 message stays in its
 * inbound QoS 2 table and in its persistence for the life of the connection, because only its
 * manual-acknowledgement path (which also sends a premature PUBCOMP) ever removes it. This calls
 * the removal alone, through reflection since Paho keeps it protected.
 *
 * @author mqtt-spring-boot-starter
 */
final class Qos2Release {

	private static final Log logger = LogFactory.getLog(Qos2Release.class);

	private static final Field COMMS;

	private static final Method DELIVERY_COMPLETE;

	static {
		Field comms = null;
		Method deliveryComplete = null;
		try {
			comms = MqttAsyncClient.class.getDeclaredField("comms");
			comms.setAccessible(true);
			deliveryComplete = comms.getType().getDeclaredMethod("deliveryComplete", int.class);
			deliveryComplete.setAccessible(true);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			logger.warn("Cannot release inbound QoS 2 messages in this Paho version; each stays in memory "
					+ "until its connection ends: " + ex);
			comms = null;
			deliveryComplete = null;
		}
		COMMS = comms;
		DELIVERY_COMPLETE = deliveryComplete;
	}

	private Qos2Release() {
	}

	static void release(MqttAsyncClient client, int messageId) {
		if (DELIVERY_COMPLETE == null || client == null) {
			return;
		}
		try {
			DELIVERY_COMPLETE.invoke(COMMS.get(client), messageId);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			logger.debug("Could not release inbound QoS 2 message " + messageId + ": " + ex);
		}
	}

	/**
	 * Returns how many inbound QoS 2 messages Paho still holds, for tests.
	 * @param client the Paho client
	 * @return the count, or -1 if unknown
	 */
	static int held(MqttAsyncClient client) {
		try {
			Object comms = COMMS.get(client);
			Field stateField = comms.getClass().getDeclaredField("clientState");
			stateField.setAccessible(true);
			Object state = stateField.get(comms);
			Field inbound = state.getClass().getDeclaredField("inboundQoS2");
			inbound.setAccessible(true);
			return ((Map<?, ?>) inbound.get(state)).size();
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			return -1;
		}
	}

}
