package io.github.mqttboot.observation;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.mqttboot.annotation.MqttListener;
import io.github.mqttboot.autoconfigure.MqttAutoConfiguration;
import io.github.mqttboot.autoconfigure.listener.MqttListenerAutoConfiguration;
import io.github.mqttboot.client.ManagedMqttClient;
import io.github.mqttboot.client.TestClients;
import io.github.mqttboot.core.MqttTemplate;
import io.github.mqttboot.test.MqttBrokerExtension;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
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
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The trace context crosses MQTT 5 as a {@code traceparent} user property: the listener's span
 * is a child of the publisher's.
 */
class MqttObservationTracingTests {

	@RegisterExtension
	static final MqttBrokerExtension broker = new MqttBrokerExtension();

	private final SimpleTracer tracer = new SimpleTracer();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, MqttAutoConfiguration.class,
				MqttListenerAutoConfiguration.class))
		.withPropertyValues("mqtt.server-uris=" + broker.getServerUri())
		.withBean(ObservationRegistry.class, this::observationRegistry)
		.withUserConfiguration(TracedListener.class);

	private ObservationRegistry observationRegistry() {
		Propagator propagator = new TraceparentPropagator(this.tracer);
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig()
			.observationHandler(new FirstMatchingCompositeObservationHandler(
					new PropagatingSenderTracingObservationHandler<>(this.tracer, propagator),
					new PropagatingReceiverTracingObservationHandler<>(this.tracer, propagator),
					new DefaultTracingObservationHandler(this.tracer)));
		return registry;
	}

	@Test
	void listenerSpanIsAChildOfThePublishSpan() {
		this.runner.run((context) -> {
			ManagedMqttClient client = context.getBean(ManagedMqttClient.class);
			await().atMost(TestClients.await())
				.until(() -> client.isConnected() && client.getSubscriptions().get(0).reasonCode() >= 0);
			context.getBean(MqttTemplate.class).publish("traced/1", "hello").get(10, TimeUnit.SECONDS);
			await().atMost(TestClients.await()).until(() -> spanNamed("traced receive") != null);
			SimpleSpan producer = spanNamed("traced/1 send");
			SimpleSpan consumer = spanNamed("traced receive");
			assertThat(producer).isNotNull();
			assertThat(producer.getKind()).isEqualTo(Span.Kind.PRODUCER);
			assertThat(consumer.getKind()).isEqualTo(Span.Kind.CONSUMER);
			assertThat(consumer.getTraceId()).isEqualTo(producer.getTraceId());
			assertThat(consumer.getParentId()).isEqualTo(producer.getSpanId());
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

	private SimpleSpan spanNamed(String name) {
		return this.tracer.getSpans().stream().filter((span) -> name.equals(span.getName())).findFirst().orElse(null);
	}

	@Configuration(proxyBeanMethods = false)
	static class TracedListener {

		@MqttListener(id = "traced", topics = "traced/+")
		void on(String payload) {
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
