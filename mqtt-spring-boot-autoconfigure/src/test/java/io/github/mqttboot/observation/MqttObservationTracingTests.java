package io.github.mqttboot.observation;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import io.github.mqttboot.annotation.MqttListener;
import io.github.mqttboot.autoconfigure.MqttAutoConfiguration;
import io.github.mqttboot.autoconfigure.listener.MqttListenerAutoConfiguration;
import io.github.mqttboot.autoconfigure.metrics.MqttMetricsAutoConfiguration;
import io.github.mqttboot.client.ManagedMqttClient;
import io.github.mqttboot.client.TestClients;
import io.github.mqttboot.core.MqttTemplate;
import io.github.mqttboot.test.MqttBrokerExtension;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import io.micrometer.tracing.propagation.Propagator;
import io.micrometer.tracing.test.simple.SimpleSpan;
import io.micrometer.tracing.test.simple.SimpleTracer;
import io.micrometer.observation.ObservationHandler.FirstMatchingCompositeObservationHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The trace context crosses MQTT 5 as a {@code traceparent} user property: the listener's span
 * is a child of the publisher's. Observations are on where the application traces, and then
 * produce the contract's timers themselves: each message is timed once.
 */
class MqttObservationTracingTests {

	@RegisterExtension
	static final MqttBrokerExtension broker = new MqttBrokerExtension();

	private final SimpleTracer tracer = new SimpleTracer();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final ApplicationContextRunner untraced = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, MetricsAutoConfiguration.class,
				MqttAutoConfiguration.class, MqttListenerAutoConfiguration.class, MqttMetricsAutoConfiguration.class))
		.withPropertyValues("mqtt.server-uris=" + broker.getServerUri())
		.withBean(MeterRegistry.class, () -> this.meters)
		.withBean(ObservationRegistry.class, this::observationRegistry)
		.withUserConfiguration(TracedListener.class);

	private final ApplicationContextRunner runner = this.untraced.withBean(Tracer.class, () -> this.tracer);

	private ObservationRegistry observationRegistry() {
		Propagator propagator = new TraceparentPropagator(this.tracer);
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig()
			.observationHandler(new DefaultMeterObservationHandler(this.meters))
			.observationHandler(new FirstMatchingCompositeObservationHandler(
					new PropagatingSenderTracingObservationHandler<>(this.tracer, propagator),
					new PropagatingReceiverTracingObservationHandler<>(this.tracer, propagator),
					new DefaultTracingObservationHandler(this.tracer)));
		return registry;
	}

	@Test
	void listenerSpanIsAChildOfThePublishSpan() {
		this.runner.run((context) -> {
			TestClients.awaitSubscribed(context.getBean(ManagedMqttClient.class));
			context.getBean(MqttTemplate.class).publish("traced/1", "hello").get(10, TimeUnit.SECONDS);
			SimpleSpan producer = finishedSpan("traced/1 send");
			SimpleSpan consumer = finishedSpan("traced receive");
			assertThat(producer).isNotNull();
			assertThat(producer.getKind()).isEqualTo(Span.Kind.PRODUCER);
			assertThat(consumer.getKind()).isEqualTo(Span.Kind.CONSUMER);
			assertThat(consumer.getTraceId()).isEqualTo(producer.getTraceId());
			assertThat(consumer.getParentId()).isEqualTo(producer.getSpanId());
		});
	}

	@Test
	void aRequestIsTracedAsAPublishWhoseChildIsTheListenerSpan() {
		this.runner.withUserConfiguration(Responder.class).run((context) -> {
			TestClients.awaitSubscribed(context.getBean(ManagedMqttClient.class));
			String reply = context.getBean(MqttTemplate.class)
				.request("ask/1", "ping", String.class, Duration.ofSeconds(10))
				.get(10, TimeUnit.SECONDS);
			assertThat(reply).isEqualTo("pong");
			// each span ends on its own thread, which may run after the reply completed the request
			SimpleSpan request = finishedSpan("ask/1 send");
			SimpleSpan answer = finishedSpan("responder receive");
			assertThat(request).isNotNull();
			assertThat(answer).isNotNull();
			assertThat(answer.getParentId()).isEqualTo(request.getSpanId());
		});
	}

	@Test
	void observationsProduceTheTimersSoThatEachMessageIsTimedOnce() {
		this.runner.run((context) -> {
			publishAndAwaitListener(context, 3);
			assertThat(timedCount("mqtt.publish")).isEqualTo(3);
			assertThat(timedCount("mqtt.listener")).isEqualTo(3);
			assertThat(timerNames()).containsOnly("mqtt.publish", "mqtt.listener");
			Timer publish = this.meters.get("mqtt.publish").tag("client", "mqttClient").tag("qos", "1").timer();
			assertThat(publish.getId().getTag("outcome")).isEqualTo("success");
			assertThat(publish.getId().getTag("error")).as("recorded by the observation").isEqualTo("none");
			Timer listener = this.meters.get("mqtt.listener").tag("listener", "traced").tag("outcome", "success").timer();
			assertThat(listener.getId().getTag("client")).isEqualTo("mqttClient");
		});
	}

	@Test
	void publishesMadeWithoutTheTemplateAreObservedAndTimedOnceToo() {
		this.runner.withUserConfiguration(Responder.class).run((context) -> {
			ManagedMqttClient client = TestClients.awaitSubscribed(context.getBean(ManagedMqttClient.class));
			client.publish("direct/1", "hello".getBytes(StandardCharsets.UTF_8), 1, false).get(10, TimeUnit.SECONDS);
			assertThat(finishedSpan("direct/1 send")).isNotNull();
			context.getBean(MqttTemplate.class)
				.request("ask/1", "ping", String.class, Duration.ofSeconds(10))
				.get(10, TimeUnit.SECONDS);
			// the listener's reply is a publish of its own, made inside the listener's span
			SimpleSpan answer = finishedSpan("responder receive");
			SimpleSpan reply = await().atMost(TestClients.await())
				.until(() -> this.tracer.getSpans()
					.stream()
					.filter((span) -> answer.getSpanId().equals(span.getParentId()))
					.findFirst()
					.orElse(null), Objects::nonNull);
			assertThat(reply.getKind()).isEqualTo(Span.Kind.PRODUCER);
			await().atMost(TestClients.await()).until(() -> timedCount("mqtt.publish") == 3);
			assertThat(timerNames()).containsOnly("mqtt.publish", "mqtt.listener");
		});
	}

	@Test
	void aNamedClientsMessagesAreTimedOnceToo() {
		this.runner.withPropertyValues("mqtt.clients.cloud.server-uris=" + broker.getServerUri())
			.withUserConfiguration(CloudListener.class)
			.run((context) -> {
				TestClients.awaitSubscribed(context.getBean("cloudMqttClient", ManagedMqttClient.class));
				MqttTemplate template = context.getBean("cloudMqttTemplate", MqttTemplate.class);
				for (int i = 0; i < 2; i++) {
					template.publish("cloud/1", "hello").get(10, TimeUnit.SECONDS);
				}
				await().atMost(TestClients.await())
					.until(() -> context.getBean(CloudListener.class).received.get() == 2
							&& timedCount("mqtt.listener", "cloud") >= 2);
				assertThat(timedCount("mqtt.publish", "cloud")).isEqualTo(2);
				assertThat(timedCount("mqtt.listener", "cloud")).isEqualTo(2);
			});
	}

	@Test
	void withoutTracingNothingIsObservedAndTheStarterTimesEachMessageOnce() {
		this.untraced.run((context) -> {
			publishAndAwaitListener(context, 2);
			assertThat(this.tracer.getSpans()).isEmpty();
			assertThat(timedCount("mqtt.publish")).isEqualTo(2);
			assertThat(timedCount("mqtt.listener")).isEqualTo(2);
			assertThat(timerNames()).containsOnly("mqtt.publish", "mqtt.listener");
			Timer publish = this.meters.get("mqtt.publish").tag("qos", "1").tag("outcome", "success").timer();
			assertThat(publish.getId().getTag("error")).as("recorded by the starter").isNull();
		});
	}

	@Test
	void observationsCanBeForcedOnWithoutTracing() {
		this.untraced.withPropertyValues("mqtt.observation.enabled=true").run((context) -> {
			publishAndAwaitListener(context, 1);
			assertThat(finishedSpan("traced/1 send")).isNotNull();
			assertThat(timedCount("mqtt.publish")).isEqualTo(1);
		});
	}

	@Test
	void anOversizedMessageIsTimedAsAFailureByTheObservation() {
		// MQTT 3.1.1 has no Maximum Packet Size: the broker delivers it, the listener rejects it
		this.untraced
			.withPropertyValues("mqtt.observation.enabled=true", "mqtt.protocol-version=3",
					"mqtt.listener.max-payload-size=1KB")
			.run((context) -> {
				ManagedMqttClient client = TestClients.awaitSubscribed(context.getBean(ManagedMqttClient.class));
				client.publish("traced/1", new byte[4096], 1, false).get(10, TimeUnit.SECONDS);
				await().atMost(TestClients.await())
					.until(() -> this.meters.find("mqtt.listener").tag("outcome", "failure").timers().stream()
						.mapToLong(Timer::count)
						.sum() == 1);
				assertThat(context.getBean(TracedListener.class).received).hasValue(0);
			});
	}

	@Test
	void observationsCanBeSwitchedOff() {
		this.runner.withPropertyValues("mqtt.observation.enabled=false").run((context) -> {
			ManagedMqttClient client = context.getBean(ManagedMqttClient.class);
			await().atMost(TestClients.await()).until(client::isConnected);
			context.getBean(MqttTemplate.class).publish("traced/2", "quiet").get(10, TimeUnit.SECONDS);
			assertThat(this.tracer.getSpans()).isEmpty();
		});
	}

	@Test
	void conventionBeansNameAndTagTheObservations() {
		this.runner.withUserConfiguration(Conventions.class).run((context) -> {
			publishAndAwaitListener(context, 2);
			assertThat(timerNames()).containsOnly("sensor.send", "sensor.handle");
			assertThat(this.meters.get("sensor.send").tag("tenant", "acme").timer().count()).isEqualTo(2);
			assertThat(this.meters.get("sensor.handle").tag("listener", "traced").timer().count()).isEqualTo(2);
			assertThat(finishedSpan("send to traced/1")).isNotNull();
		});
	}

	private void publishAndAwaitListener(AssertableApplicationContext context, int messages) throws Exception {
		TestClients.awaitSubscribed(context.getBean(ManagedMqttClient.class));
		TracedListener listener = context.getBean(TracedListener.class);
		for (int i = 0; i < messages; i++) {
			context.getBean(MqttTemplate.class).publish("traced/1", "hello").get(10, TimeUnit.SECONDS);
		}
		await().atMost(TestClients.await()).until(() -> listener.received.get() == messages);
		// the timer of the last call is recorded just after the method returns
		await().atMost(TestClients.await()).until(() -> timedCount(listenerTimerName()) == messages);
	}

	private String listenerTimerName() {
		return timerNames().contains("sensor.handle") ? "sensor.handle" : "mqtt.listener";
	}

	private long timedCount(String name) {
		return this.meters.find(name).timers().stream().mapToLong(Timer::count).sum();
	}

	private long timedCount(String name, String client) {
		return this.meters.find(name).tag("client", client).timers().stream().mapToLong(Timer::count).sum();
	}

	private Set<String> timerNames() {
		return this.meters.getMeters()
			.stream()
			.filter(Timer.class::isInstance)
			.map((meter) -> meter.getId().getName())
			.collect(Collectors.toSet());
	}

	private SimpleSpan finishedSpan(String name) {
		return await().atMost(TestClients.await()).until(() -> spanNamed(name), Objects::nonNull);
	}

	private SimpleSpan spanNamed(String name) {
		return this.tracer.getSpans().stream().filter((span) -> name.equals(span.getName())).findFirst().orElse(null);
	}

	@Configuration(proxyBeanMethods = false)
	static class TracedListener {

		final AtomicInteger received = new AtomicInteger();

		@MqttListener(id = "traced", topics = "traced/+")
		void on(String payload) {
			this.received.incrementAndGet();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CloudListener {

		final AtomicInteger received = new AtomicInteger();

		@MqttListener(id = "cloudTraced", topics = "cloud/+", client = "cloud")
		void on(String payload) {
			this.received.incrementAndGet();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Responder {

		@MqttListener(id = "responder", topics = "ask/+")
		String answer(String question) {
			return "pong";
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Conventions {

		@Bean
		MqttPublishObservationConvention tenantPublishConvention() {
			return new DefaultMqttPublishObservationConvention() {

				@Override
				public String getName() {
					return "sensor.send";
				}

				@Override
				public String getContextualName(MqttPublishObservationContext context) {
					return "send to " + context.getTopic();
				}

				@Override
				public KeyValues getLowCardinalityKeyValues(MqttPublishObservationContext context) {
					return super.getLowCardinalityKeyValues(context).and("tenant", "acme");
				}

			};
		}

		@Bean
		MqttListenerObservationConvention handleConvention() {
			return new DefaultMqttListenerObservationConvention() {

				@Override
				public String getName() {
					return "sensor.handle";
				}

			};
		}

	}

	/** A minimal W3C {@code traceparent} propagator over the simple tracer. */
	static final class TraceparentPropagator implements Propagator {

		private final SimpleTracer tracer;

		TraceparentPropagator(SimpleTracer tracer) {
			this.tracer = tracer;
		}

		@Override
		public List<String> fields() {
			return List.of("traceparent");
		}

		@Override
		public <C> void inject(TraceContext context, C carrier, Setter<C> setter) {
			setter.set(carrier, "traceparent", "00-" + context.traceId() + "-" + context.spanId() + "-01");
		}

		@Override
		public <C> Span.Builder extract(C carrier, Getter<C> getter) {
			String value = getter.get(carrier, "traceparent");
			if (value == null) {
				return this.tracer.spanBuilder();
			}
			String[] parts = value.split("-");
			TraceContext parent = this.tracer.traceContextBuilder().traceId(parts[1]).spanId(parts[2]).sampled(true).build();
			return this.tracer.spanBuilder().setParent(parent);
		}

	}

}
