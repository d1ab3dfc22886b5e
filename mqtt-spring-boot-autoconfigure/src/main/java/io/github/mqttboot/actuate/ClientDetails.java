package io.github.mqttboot.actuate;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.github.mqttboot.client.Failures;
import io.github.mqttboot.client.ManagedMqttClient;
import io.github.mqttboot.client.driver.ConnectionInfo;

/**
 * The details that health and the {@code mqtt} endpoint show for a client, built in one place
 * so that both sanitize the same way.
 *
 * @author mqtt-spring-boot-starter
 */
final class ClientDetails {

	private ClientDetails() {
	}

	/**
	 * Describes the client's connection and resources, without credentials.
	 * @param client the client
	 * @return the details, in display order; {@code lastError} only when there is one: a
	 * probable client id conflict, else the last failure
	 */
	static Map<String, Object> describe(ManagedMqttClient client) {
		String password = client.getSettings().getPassword();
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("state", client.getState().name());
		details.put("serverUri", Credentials.sanitize(serverUri(client), password));
		details.put("clientId", client.getClientId());
		details.put("since", client.getStateSince().toString());
		details.put("reconnectAttempts", client.getReconnectAttempts());
		// a conflict outweighs the loss it causes, and holds while connected between two losses
		String conflict = client.getClientIdConflict();
		String lastError = Credentials.sanitize((conflict != null) ? conflict : message(client.getLastError()),
				password);
		if (lastError != null) {
			details.put("lastError", lastError);
		}
		details.put("threads", client.getThreadCount());
		details.put("pendingWorkers", client.getPendingWorkCount());
		details.put("subscriptions", client.getSubscriptions().size());
		Map<String, Integer> refused = client.getRefusedSubscriptions();
		if (!refused.isEmpty()) {
			details.put("refusedSubscriptions", reasonCodes(refused));
		}
		details.put("strandedThreads", client.getStrandedThreads());
		return details;
	}

	/** Filter to reason code, as {@code 0x87}: the way the MQTT specification writes them. */
	static Map<String, String> reasonCodes(Map<String, Integer> codes) {
		Map<String, String> shown = new TreeMap<>();
		codes.forEach((filter, code) -> shown.put(filter, "0x" + Integer.toHexString(code)));
		return shown;
	}

	// the broker of the current or last connection; before the first, the ones being tried
	private static String serverUri(ManagedMqttClient client) {
		ConnectionInfo info = client.getConnectionInfo();
		if (info != null && info.serverUri() != null) {
			return info.serverUri().toString();
		}
		return client.getSettings().getServerUris().stream().map(URI::toString).collect(Collectors.joining(","));
	}

	// the message only: a stack trace says nothing to an operator and may quote more than we want
	private static String message(Throwable error) {
		Throwable cause = Failures.unwrap(error);
		if (cause == null) {
			return null;
		}
		return (cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getSimpleName();
	}

}
