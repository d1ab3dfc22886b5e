package io.github.mqttboot.client.driver.paho;

import java.util.Collections;
import java.util.Enumeration;

/**
 * Paho's persistence, keeping nothing: each connection attempt is a new Paho client with nothing
 * to restore, and the publisher itself sends again what was in flight at a loss. Paho reads its
 * persistence only when it restores, so keeping nothing spares two synchronized map updates per
 * publish on Paho's threads. What the MQTT 5 and 3.1.1 interfaces share is here; each nested
 * class adds the methods whose types are its own library's.
 *
 * @author mqtt-spring-boot-starter
 */
abstract class NoPersistence {

	public void remove(String key) {
	}

	public boolean containsKey(String key) {
		return false;
	}

	public Enumeration<String> keys() {
		return Collections.emptyEnumeration();
	}

	public void clear() {
	}

	public void close() {
	}

	/**
	 * For Paho's MQTT 5 client.
	 */
	static final class V5 extends NoPersistence implements org.eclipse.paho.mqttv5.client.MqttClientPersistence {

		@Override
		public void open(String clientId) {
		}

		@Override
		public void put(String key, org.eclipse.paho.mqttv5.common.MqttPersistable persistable) {
		}

		@Override
		public org.eclipse.paho.mqttv5.common.MqttPersistable get(String key) {
			return null;
		}

	}

	/**
	 * For Paho's MQTT 3.1.1 client.
	 */
	static final class V3 extends NoPersistence implements org.eclipse.paho.client.mqttv3.MqttClientPersistence {

		@Override
		public void open(String clientId, String serverURI) {
		}

		@Override
		public void put(String key, org.eclipse.paho.client.mqttv3.MqttPersistable persistable) {
		}

		@Override
		public org.eclipse.paho.client.mqttv3.MqttPersistable get(String key) {
			return null;
		}

	}

}
