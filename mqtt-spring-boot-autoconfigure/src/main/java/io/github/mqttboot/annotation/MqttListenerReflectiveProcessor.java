package io.github.mqttboot.annotation;

import org.springframework.core.MethodParameter;
import org.springframework.messaging.handler.annotation.MessageMappingReflectiveProcessor;

/**
 * Native-image hints for {@link MqttListener @MqttListener} methods, applied to every bean
 * class during AOT processing through {@code @Reflective} on the annotation: the method is
 * invoked reflectively, its payload parameter (also the {@code T} of {@code Message<T>}) and
 * its return value (published with {@code @SendTo}) are bound from and to JSON. Spring
 * Messaging's processor does this for {@code @MessageMapping}; a {@link TopicVariable} is
 * not a payload.
 *
 * @author mqtt-spring-boot-starter
 * @since 0.1.0
 */
public class MqttListenerReflectiveProcessor extends MessageMappingReflectiveProcessor {

	/**
	 * Creates the processor; {@code @Reflective} instantiates it during AOT processing.
	 */
	public MqttListenerReflectiveProcessor() {
	}

	@Override
	protected boolean couldBePayload(MethodParameter parameter) {
		return !parameter.hasParameterAnnotation(TopicVariable.class) && super.couldBePayload(parameter);
	}

}
