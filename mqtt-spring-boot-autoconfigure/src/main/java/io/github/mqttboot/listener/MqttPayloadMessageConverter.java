package io.github.mqttboot.listener;

import java.lang.reflect.Type;

import io.github.mqttboot.core.MqttConversionException;
import io.github.mqttboot.core.MqttPayloadConverter;

import org.springframework.core.MethodParameter;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.converter.SmartMessageConverter;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Converts listener payloads with the starter's {@link MqttPayloadConverter}, to the generic type
 * of the method parameter.
 *
 * @author mqtt-spring-boot-starter
 * @since 0.1.0
 */
public class MqttPayloadMessageConverter implements SmartMessageConverter {

	private final MqttPayloadConverter converter;

	/**
	 * Creates a message converter.
	 * @param converter the starter's payload converter
	 */
	public MqttPayloadMessageConverter(MqttPayloadConverter converter) {
		this.converter = converter;
	}

	@Override
	public Object fromMessage(Message<?> message, Class<?> targetClass) {
		return fromMessage(message, targetClass, null);
	}

	@Override
	public Object fromMessage(Message<?> message, Class<?> targetClass, Object conversionHint) {
		Object payload = message.getPayload();
		if (!(payload instanceof byte[] bytes)) {
			return targetClass.isInstance(payload) ? payload : null;
		}
		Type type = targetClass;
		if (conversionHint instanceof MethodParameter parameter) {
			type = parameter.getNestedGenericParameterType();
			if (Message.class.equals(parameter.getParameterType())) {
				type = parameter.nested().getNestedGenericParameterType();
			}
		}
		try {
			return this.converter.fromPayload(bytes, type);
		}
		catch (MqttConversionException ex) {
			throw new MessageConversionException(message, ex.getMessage(), ex);
		}
	}

	@Override
	public Message<?> toMessage(Object payload, MessageHeaders headers) {
		return toMessage(payload, headers, null);
	}

	@Override
	public Message<?> toMessage(Object payload, MessageHeaders headers, Object conversionHint) {
		return MessageBuilder.createMessage(this.converter.toPayload(payload).bytes(), headers);
	}

}
