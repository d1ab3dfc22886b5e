package io.github.mqttboot.listener;

import java.util.List;

import io.github.mqttboot.core.MqttPayloadConverter;

import org.springframework.core.convert.support.DefaultConversionService;
import org.springframework.messaging.handler.annotation.support.DefaultMessageHandlerMethodFactory;
import org.springframework.messaging.handler.annotation.support.MessageHandlerMethodFactory;
import org.springframework.validation.Validator;

/**
 * Builds the spring-messaging method factory that binds listener arguments: payload conversion
 * by the starter, {@code @Header}, {@code @TopicVariable}, {@code Message<?>}, and
 * {@code @Payload @Valid} with the given validator.
 *
 * @author mqtt-spring-boot-starter
 * @since 0.1.0
 */
public final class MqttListenerMethodFactory {

	private MqttListenerMethodFactory() {
	}

	/**
	 * Creates a method factory.
	 * @param converter the payload converter
	 * @param validator the validator for {@code @Valid} payloads, or {@code null}
	 * @return the factory
	 */
	public static MessageHandlerMethodFactory create(MqttPayloadConverter converter, Validator validator) {
		DefaultMessageHandlerMethodFactory factory = new DefaultMessageHandlerMethodFactory();
		factory.setMessageConverter(new MqttPayloadMessageConverter(converter));
		factory.setConversionService(DefaultConversionService.getSharedInstance());
		factory.setCustomArgumentResolvers(
				List.of(new TopicVariableArgumentResolver(DefaultConversionService.getSharedInstance())));
		if (validator != null) {
			factory.setValidator(validator);
		}
		factory.afterPropertiesSet();
		return factory;
	}

}
