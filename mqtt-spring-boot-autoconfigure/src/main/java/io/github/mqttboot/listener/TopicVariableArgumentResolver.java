package io.github.mqttboot.listener;

import java.util.Map;

import io.github.mqttboot.annotation.TopicVariable;

import org.springframework.core.MethodParameter;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHandlingException;
import org.springframework.messaging.handler.invocation.HandlerMethodArgumentResolver;
import org.springframework.util.StringUtils;

/**
 * Resolves {@link TopicVariable} parameters from the {@code {var}} levels of the topic.
 *
 * @author mqtt-spring-boot-starter
 */
class TopicVariableArgumentResolver implements HandlerMethodArgumentResolver {

	private final ConversionService conversionService;

	TopicVariableArgumentResolver(ConversionService conversionService) {
		this.conversionService = conversionService;
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.hasParameterAnnotation(TopicVariable.class);
	}

	@Override
	public Object resolveArgument(MethodParameter parameter, Message<?> message) {
		String name = name(parameter);
		Map<?, ?> variables = message.getHeaders().get(MqttHeaderNames.TOPIC_VARIABLES, Map.class);
		Object value = (variables != null) ? variables.get(name) : null;
		if (value == null) {
			throw new MessageHandlingException(message, "No topic variable '" + name + "' in the listener's topics");
		}
		return this.conversionService.convert(value, TypeDescriptor.valueOf(String.class),
				new TypeDescriptor(parameter));
	}

	static String name(MethodParameter parameter) {
		TopicVariable annotation = parameter.getParameterAnnotation(TopicVariable.class);
		if (annotation != null && StringUtils.hasText(annotation.value())) {
			return annotation.value();
		}
		String name = parameter.getParameterName();
		if (name == null) {
			throw new IllegalStateException("Name the @TopicVariable of " + parameter.getMethod()
					+ " or compile with -parameters");
		}
		return name;
	}

}
