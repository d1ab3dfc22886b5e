package io.github.mqttboot.autoconfigure.embedded;

import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when {@code mqtt.embedded.enabled} is true, or is not set and neither is
 * {@code mqtt.server-uris}.
 *
 * @author mqtt-spring-boot-starter
 */
class OnEmbeddedBrokerCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Binder binder = Binder.get(context.getEnvironment());
		Boolean enabled = binder.bind("mqtt.embedded.enabled", Boolean.class).orElse(null);
		if (enabled != null) {
			return new ConditionOutcome(enabled, "mqtt.embedded.enabled is " + enabled);
		}
		boolean uris = hasServerUris(binder);
		return new ConditionOutcome(!uris, uris ? "mqtt.server-uris is set" : "mqtt.server-uris is not set");
	}

	static boolean hasServerUris(Binder binder) {
		return !binder.bind("mqtt.server-uris", Bindable.listOf(String.class)).orElse(List.of()).isEmpty();
	}

	/**
	 * Matches when {@code mqtt.server-uris} is not set.
	 */
	static class NoServerUris extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			boolean uris = hasServerUris(Binder.get(context.getEnvironment()));
			return new ConditionOutcome(!uris, uris ? "mqtt.server-uris is set" : "mqtt.server-uris is not set");
		}

	}

}
