package io.github.mqttboot.leak;

import java.util.Locale;

import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;

/**
 * Raw Paho 1.2.5 as a user would write it: connect, wait, close on failure. Run in a child JVM
 * (its stranded threads are non-daemon and never end) by {@link RawPahoComparisonTests}, which
 * reads the one line it prints.
 */
public final class RawPahoLeakProbe {

	private RawPahoLeakProbe() {
	}

	public static void main(String[] args) throws Exception {
		String uri = args[0];
		int attempts = Integer.parseInt(args[1]);
		long waitMillis = Long.parseLong(args[2]);
		int failures = 0;
		for (int i = 0; i < attempts; i++) {
			MqttAsyncClient client = new MqttAsyncClient(uri, "raw-" + i, new MemoryPersistence());
			MqttConnectionOptions options = new MqttConnectionOptions();
			options.setConnectionTimeout(2);
			try {
				client.connect(options).waitForCompletion(waitMillis);
				if (!client.isConnected()) {
					failures++;
				}
			}
			catch (Exception ex) {
				failures++;
			}
			try {
				client.close();
			}
			catch (Exception ex) {
				// 32110 "Connect already in progress" for a connect that never completed
			}
		}
		long mqttThreads = Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter(Thread::isAlive)
			.filter((thread) -> thread.getName().toLowerCase(Locale.ROOT).contains("mqtt"))
			.count();
		System.out.println("RAW-PAHO attempts=" + attempts + " failures=" + failures + " mqttThreads=" + mqttThreads);
		// Paho's stranded threads are not daemons: without this the JVM would never end
		System.exit(0);
	}

}
