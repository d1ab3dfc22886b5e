package io.github.mqttboot.listener;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import io.github.mqttboot.annotation.TopicVariable;

import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.Headers;

/**
 * Checks at startup that every parameter of a listener method can be bound, instead of failing
 * every message: one payload at most, and every {@code @TopicVariable} in every topic.
 *
 * @author mqtt-spring-boot-starter
 */
final class ListenerSignature {

	private ListenerSignature() {
	}

	static void check(String where, Method method, List<TopicTemplate> topics) {
		List<String> payloads = new ArrayList<>();
		for (int i = 0; i < method.getParameterCount(); i++) {
			MethodParameter parameter = new MethodParameter(method, i);
			parameter.initParameterNameDiscovery(new DefaultParameterNameDiscoverer());
			String name = describe(parameter);
			if (parameter.hasParameterAnnotation(TopicVariable.class)) {
				checkTopicVariable(where, parameter, name, topics);
			}
			else if (isPayload(parameter)) {
				payloads.add(name);
			}
		}
		if (payloads.size() > 1) {
			throw new MqttListenerDefinitionException(where,
					"parameters " + String.join(" and ", payloads) + " both take the payload, and a message has one",
					"Keep one payload parameter; annotate the others with @Header, @Headers or @TopicVariable");
		}
	}

	private static void checkTopicVariable(String where, MethodParameter parameter, String name,
			List<TopicTemplate> topics) {
		String variable;
		try {
			variable = TopicVariableArgumentResolver.name(parameter);
		}
		catch (IllegalStateException ex) {
			throw new MqttListenerDefinitionException(where, "parameter " + name + " is a @TopicVariable without a name",
					"Name it, as in @TopicVariable(\"sensor\"), or compile with -parameters", ex);
		}
		for (TopicTemplate topic : topics) {
			if (!topic.getVariableNames().contains(variable)) {
				throw new MqttListenerDefinitionException(where,
						"parameter " + name + " is bound to the topic variable '" + variable + "', which topic '"
								+ topic.getTemplate() + "' does not have",
						"Use {" + variable + "} in every topic of the listener, or bind another of its variables "
								+ topic.getVariableNames());
			}
		}
	}

	/** Spring's payload resolver takes every parameter that no other resolver claims. */
	private static boolean isPayload(MethodParameter parameter) {
		return !parameter.hasParameterAnnotation(Header.class) && !parameter.hasParameterAnnotation(Headers.class)
				&& !MessageHeaders.class.isAssignableFrom(parameter.getParameterType());
	}

	private static String describe(MethodParameter parameter) {
		String name = parameter.getParameterName();
		return "#" + parameter.getParameterIndex() + ((name != null) ? " '" + name + "'" : "") + " ("
				+ parameter.getParameterType().getSimpleName() + ")";
	}

}
