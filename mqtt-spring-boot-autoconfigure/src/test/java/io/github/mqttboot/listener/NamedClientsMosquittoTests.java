package io.github.mqttboot.listener;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.github.mqttboot.annotation.MqttListener;
import io.github.mqttboot.annotation.TopicVariable;
import io.github.mqttboot.client.ManagedMqttClient;
import io.github.mqttboot.client.TestClients;
import io.github.mqttboot.core.MqttTemplate;
import io.github.mqttboot.testsupport.FaultProxy;
import io.github.mqttboot.testsupport.MosquittoBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.handler.annotation.SendTo;

import static io.github.mqttboot.listener.ListenerTestSupport.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Named clients on two Mosquitto processes, an edge broker (the default client) and a cloud
 * broker ({@code mqtt.clients.cloud}): listeners and templates on each, replies and dead letters
 * on the listener's own client, one broker killed and restarted while the other client carries
 * on, and the application closed with the brokers in every state.
 */
class NamedClientsMosquittoTests {

	@RegisterExtension
	static final MosquittoBroker edge = MosquittoBroker.create();

	@RegisterExtension
	static final MosquittoBroker cloud = MosquittoBroker.create();

	private ApplicationContextRunner runner() {
		return ListenerTestSupport.runner(edge.uri())
			.withPropertyValues("mqtt.clients.cloud.server-uris=" + cloud.uri());
	}

	@Test
	void listenersAndTemplatesWorkOnTheirOwnBroker() {
		runner().withUserConfiguration(Bridge.class).run((context) -> {
			connected(context);
			Bridge bridge = context.getBean(Bridge.class);
			context.getBean("mqttTemplate", MqttTemplate.class).publish("readings/1", "21.5").get(10, TimeUnit.SECONDS);
			// read on the edge broker, forwarded by the listener to the cloud broker
			await().atMost(TestClients.await()).until(() -> bridge.inCloud.contains("cloud/readings/1=21.5"));
			context.getBean("cloudMqttTemplate", MqttTemplate.class)
				.publish("commands/1", "reboot")
				.get(10, TimeUnit.SECONDS);
			await().atMost(TestClients.await()).until(() -> bridge.commands.contains("commands/1=reboot"));
			// each template reached its own broker only: the edge has no cloud/# traffic
			assertThat(bridge.onEdge).containsExactly("readings/1=21.5");
			assertThat(context.getBean("cloudMqttClient", ManagedMqttClient.class).getConnectionInfo().serverUri())
				.hasToString(cloud.uri());
		});
	}

	@Test
	void repliesAndDeadLettersGoOutOnTheListenersClient() {
		runner().withUserConfiguration(CloudReplies.class).run((context) -> {
			connected(context);
			CloudReplies listeners = context.getBean(CloudReplies.class);
			ManagedMqttClient cloudClient = context.getBean("cloudMqttClient", ManagedMqttClient.class);
			publish(cloudClient, "questions/1", "ping");
			publish(cloudClient, "poison/1", "bad");
			await().atMost(TestClients.await())
				.until(() -> listeners.cloudReplies.contains("pong") && listeners.cloudDead.contains("bad"));
			// the edge broker saw neither: a marker published after them arrives alone
			ManagedMqttClient edgeClient = context.getBean("mqttClient", ManagedMqttClient.class);
			publish(edgeClient, "replies", "marker");
			publish(edgeClient, "dead", "marker");
			await().atMost(TestClients.await())
				.until(() -> listeners.edgeReplies.contains("marker") && listeners.edgeDead.contains("marker"));
			assertThat(listeners.edgeReplies).containsExactly("marker");
			assertThat(listeners.edgeDead).containsExactly("marker");
		});
	}

	@Test
	void unknownClientFailsStartupNamingTheMethod() {
		runner().withUserConfiguration(UnknownClient.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasStackTraceContaining("UnknownClient.listen()")
				.hasStackTraceContaining("names client 'clod'")
				.hasStackTraceContaining("[mqttClient, cloud]");
		});
	}

	@Test
	void killingOneBrokerLeavesTheOtherClientFlowing() {
		runner().withUserConfiguration(Echoes.class).run((context) -> {
			connected(context);
			Echoes echoes = context.getBean(Echoes.class);
			ManagedMqttClient edgeClient = context.getBean("mqttClient", ManagedMqttClient.class);
			ManagedMqttClient cloudClient = context.getBean("cloudMqttClient", ManagedMqttClient.class);
			MqttTemplate edgeTemplate = context.getBean("mqttTemplate", MqttTemplate.class);
			MqttTemplate cloudTemplate = context.getBean("cloudMqttTemplate", MqttTemplate.class);
			try {
				edge.kill();
				await().atMost(TestClients.await()).until(() -> !edgeClient.isConnected());
				echoesFlow(cloudTemplate, echoes.cloud, "cloud-while-edge-down");
				edge.restart();
				connected(context);
				echoesFlow(edgeTemplate, echoes.edge, "edge-after-restart");
				cloud.kill();
				await().atMost(TestClients.await()).until(() -> !cloudClient.isConnected());
				echoesFlow(edgeTemplate, echoes.edge, "edge-while-cloud-down");
				cloud.restart();
				connected(context);
				echoesFlow(cloudTemplate, echoes.cloud, "cloud-after-restart");
			}
			finally {
				startIfStopped(edge);
				startIfStopped(cloud);
			}
		});
	}

	@Test
	void clientThatCannotConnectNeverDelaysTheOther() {
		// the cloud broker swallows every connection attempt without a CONNACK
		try (FaultProxy blackhole = FaultProxy.standalone(FaultProxy.Mode.BLACKHOLE)) {
			ListenerTestSupport.runner(edge.uri())
				.withPropertyValues("mqtt.clients.cloud.server-uris=" + blackhole.uri(),
						"mqtt.clients.cloud.connection-timeout=30s")
				.withUserConfiguration(Echoes.class)
				.run((context) -> {
					long started = System.nanoTime();
					ManagedMqttClient edgeClient = ListenerTestSupport.connected(context);
					echoesFlow(context.getBean("mqttTemplate", MqttTemplate.class), context.getBean(Echoes.class).edge,
							"edge-beside-a-stuck-client");
					assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
					assertThat(edgeClient.isConnected()).isTrue();
					assertThat(context.getBean("cloudMqttClient", ManagedMqttClient.class).isConnected()).isFalse();
				});
		}
	}

	@Test
	void closesWithBothBrokersUp() {
		closesReleasingEveryThread(false, false);
	}

	@Test
	void closesWithTheEdgeBrokerDown() {
		closesReleasingEveryThread(true, false);
	}

	@Test
	void closesWithTheCloudBrokerDown() {
		closesReleasingEveryThread(false, true);
	}

	@Test
	void closesWithBothBrokersDown() {
		closesReleasingEveryThread(true, true);
	}

	private void closesReleasingEveryThread(boolean edgeDown, boolean cloudDown) {
		List<Thread> before = TestClients.mqttThreads();
		try {
			ConfigurableApplicationContext[] holder = new ConfigurableApplicationContext[1];
			runner().withUserConfiguration(Echoes.class).run((context) -> {
				connected(context);
				holder[0] = context;
				ManagedMqttClient edgeClient = context.getBean("mqttClient", ManagedMqttClient.class);
				ManagedMqttClient cloudClient = context.getBean("cloudMqttClient", ManagedMqttClient.class);
				if (edgeDown) {
					edge.kill();
					await().atMost(TestClients.await()).until(() -> !edgeClient.isConnected());
				}
				if (cloudDown) {
					cloud.kill();
					await().atMost(TestClients.await()).until(() -> !cloudClient.isConnected());
				}
				assertThat(TestClients.mqttThreads()).anyMatch((thread) -> thread.getName().startsWith("mqtt-cloud-"))
					.anyMatch((thread) -> thread.getName().startsWith("mqtt-mqttClient-"));
			});
			assertThat(holder[0].isActive()).isFalse();
			// every thread of both clients has ended with the context
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(TestClients.mqttThreads()).filteredOn((thread) -> !before.contains(thread))
					.isEmpty());
		}
		finally {
			startIfStopped(edge);
			startIfStopped(cloud);
		}
	}

	private static void echoesFlow(MqttTemplate template, List<String> received, String payload) throws Exception {
		for (int i = 0; i < 5; i++) {
			String message = payload + "-" + i;
			template.publish("echo", message).get(10, TimeUnit.SECONDS);
			// each within a second: the other client's trouble costs this one nothing
			await().atMost(Duration.ofSeconds(1)).until(() -> received.contains(message));
		}
	}

	private static void startIfStopped(MosquittoBroker broker) {
		if (!broker.isRunning()) {
			broker.restart();
		}
	}

	static void connected(org.springframework.context.ApplicationContext context) {
		for (ManagedMqttClient client : context.getBeansOfType(ManagedMqttClient.class).values()) {
			await().atMost(TestClients.await())
				.until(() -> client.isConnected() && client.getSubscriptions()
					.stream()
					.allMatch((subscription) -> subscription.reasonCode() >= 0));
		}
	}

	private static String text(byte[] payload) {
		return new String(payload, StandardCharsets.UTF_8);
	}

	@Configuration(proxyBeanMethods = false)
	static class Bridge {

		final List<String> onEdge = new CopyOnWriteArrayList<>();

		final List<String> inCloud = new CopyOnWriteArrayList<>();

		final List<String> commands = new CopyOnWriteArrayList<>();

		private final MqttTemplate cloudTemplate;

		Bridge(@Qualifier("cloudMqttTemplate") MqttTemplate cloudTemplate) {
			this.cloudTemplate = cloudTemplate;
		}

		@MqttListener(topics = "readings/{sensor}")
		void forward(@TopicVariable String sensor, String reading) {
			this.onEdge.add("readings/" + sensor + "=" + reading);
			this.cloudTemplate.publish("cloud/readings/" + sensor, reading);
		}

		@MqttListener(topics = "cloud/#", client = "cloud")
		void cloud(@org.springframework.messaging.handler.annotation.Header("mqtt_receivedTopic") String topic,
				String value) {
			this.inCloud.add(topic + "=" + value);
		}

		@MqttListener(topics = "commands/#", client = "cloud")
		void command(@org.springframework.messaging.handler.annotation.Header("mqtt_receivedTopic") String topic,
				String value) {
			this.commands.add(topic + "=" + value);
		}

		@MqttListener(topics = "cloud/#")
		void cloudTopicsOnEdge(String value) {
			this.onEdge.add("cloud/#=" + value);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CloudReplies {

		final List<String> cloudReplies = new CopyOnWriteArrayList<>();

		final List<String> cloudDead = new CopyOnWriteArrayList<>();

		final List<String> edgeReplies = new CopyOnWriteArrayList<>();

		final List<String> edgeDead = new CopyOnWriteArrayList<>();

		@MqttListener(topics = "questions/+", client = "cloud")
		@SendTo("replies")
		String answer(String question) {
			return "pong";
		}

		@MqttListener(topics = "poison/+", client = "cloud", deadLetterTopic = "dead", maxAttempts = "1")
		void poison(String value) {
			throw new IllegalStateException("cannot handle " + value);
		}

		@MqttListener(topics = "replies", client = "cloud")
		void cloudReply(byte[] value) {
			this.cloudReplies.add(text(value));
		}

		@MqttListener(topics = "dead", client = "cloud")
		void cloudDead(byte[] value) {
			this.cloudDead.add(text(value));
		}

		@MqttListener(topics = "replies")
		void edgeReply(byte[] value) {
			this.edgeReplies.add(text(value));
		}

		@MqttListener(topics = "dead")
		void edgeDead(byte[] value) {
			this.edgeDead.add(text(value));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UnknownClient {

		@MqttListener(topics = "a", client = "clod")
		void listen(String value) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Echoes {

		final List<String> edge = new CopyOnWriteArrayList<>();

		final List<String> cloud = new CopyOnWriteArrayList<>();

		@MqttListener(topics = "echo")
		void edge(String value) {
			this.edge.add(value);
		}

		@MqttListener(topics = "echo", client = "cloud")
		void cloud(String value) {
			this.cloud.add(value);
		}

	}

}
