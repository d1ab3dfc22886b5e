package io.github.mqttboot.actuate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.mqttboot.actuate.MqttEndpoint.MqttDescriptor;
import io.github.mqttboot.actuate.MqttListenersView.ListenerDescription;
import io.github.mqttboot.client.ManagedMqttClient;
import io.github.mqttboot.client.TestClients;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MqttEndpointTests {

	private final ManagedMqttClient client = TestClients.client("mqttClient", "tcp://127.0.0.1:1883");

	private final FakeListeners listeners = new FakeListeners();

	@Test
	void describesTheClientWithoutListenersWhenNoneAreRegistered() {
		MqttDescriptor descriptor = new MqttEndpoint(this.client, provider(null)).mqtt();
		assertThat(descriptor.name()).isEqualTo("mqttClient");
		assertThat(descriptor.client()).containsEntry("state", "STOPPED")
			.containsEntry("serverUri", "tcp://127.0.0.1:1883")
			.containsEntry("clientId", this.client.getClientId())
			.containsEntry("inflight", 0)
			.containsEntry("buffered", 0)
			.containsKeys("since", "reconnectAttempts", "threads", "pendingWorkers", "subscriptions",
					"strandedThreads");
		assertThat(descriptor.listeners()).isEmpty();
	}

	@Test
	void listsTheListeners() {
		MqttDescriptor descriptor = new MqttEndpoint(this.client, provider(this.listeners)).mqtt();
		assertThat(descriptor.listeners()).extracting(ListenerDescription::id).containsExactly("readings", "alarms");
	}

	@Test
	void describesOneListener() {
		ListenerDescription listener = new MqttEndpoint(this.client, provider(this.listeners)).listener("alarms");
		assertThat(listener.topics()).containsExactly("alarms/#");
	}

	@Test
	void pausesAListener() {
		ListenerDescription paused = new MqttEndpoint(this.client, provider(this.listeners)).changeListener("readings",
				"pause");
		assertThat(paused.paused()).isTrue();
		assertThat(this.listeners.actions).containsExactly("pause readings");
	}

	@Test
	void resumesAListener() {
		this.listeners.pause("readings");
		ListenerDescription resumed = new MqttEndpoint(this.client, provider(this.listeners)).changeListener("readings",
				"resume");
		assertThat(resumed.paused()).isFalse();
	}

	@Test
	void unknownListenerIsNull() {
		MqttEndpoint endpoint = new MqttEndpoint(this.client, provider(this.listeners));
		assertThat(endpoint.listener("nope")).isNull();
		assertThat(endpoint.changeListener("nope", "pause")).isNull();
	}

	@Test
	void changingAListenerWithoutListenersIsNull() {
		assertThat(new MqttEndpoint(this.client, provider(null)).changeListener("readings", "pause")).isNull();
	}

	@Test
	void unknownActionIsAnInvalidRequest() {
		MqttEndpoint endpoint = new MqttEndpoint(this.client, provider(this.listeners));
		assertThatExceptionOfType(InvalidEndpointRequestException.class)
			.isThrownBy(() -> endpoint.changeListener("readings", "stop"))
			.withMessageContaining("'stop'");
		assertThat(this.listeners.actions).isEmpty();
	}

	private static ObjectProvider<MqttListenersView> provider(MqttListenersView view) {
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		if (view != null) {
			beans.addBean("listeners", view);
		}
		return beans.getBeanProvider(MqttListenersView.class);
	}

	private static final class FakeListeners implements MqttListenersView {

		private final Map<String, ListenerDescription> listeners = new LinkedHashMap<>();

		private final List<String> actions = new ArrayList<>();

		FakeListeners() {
			this.listeners.put("readings",
					new ListenerDescription("readings", "mqttClient", List.of("sensors/+/temperature"), 1, true, false, "running",
							false, 42, 1, 0, 0, Map.of()));
			this.listeners.put("alarms",
					new ListenerDescription("alarms", "mqttClient", List.of("alarms/#"), 2, true, false, "running", false, 0, 0, 0, 0,
							Map.of()));
		}

		@Override
		public List<ListenerDescription> listeners() {
			return List.copyOf(this.listeners.values());
		}

		@Override
		public boolean pause(String id) {
			return change(id, true);
		}

		@Override
		public boolean resume(String id) {
			return change(id, false);
		}

		private boolean change(String id, boolean paused) {
			ListenerDescription listener = this.listeners.get(id);
			if (listener == null) {
				return false;
			}
			this.actions.add((paused ? "pause " : "resume ") + id);
			this.listeners.put(id, new ListenerDescription(id, listener.client(), listener.topics(), listener.qos(), listener.running(),
					paused, paused ? "paused" : "running", false, listener.received(), listener.errors(),
					listener.queued(), listener.longestCallMillis(), listener.refused()));
			return true;
		}

	}

}
