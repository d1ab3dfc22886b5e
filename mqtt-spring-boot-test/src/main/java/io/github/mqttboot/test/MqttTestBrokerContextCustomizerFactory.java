package io.github.mqttboot.test;

import java.util.List;

import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Creates a {@link MqttTestBrokerContextCustomizer} for tests annotated with
 * {@link MqttTestBroker @MqttTestBroker}; registered in {@code META-INF/spring.factories}.
 *
 * @author mqtt-spring-boot-starter
 */
class MqttTestBrokerContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		MqttTestBroker annotation = TestContextAnnotationUtils.findMergedAnnotation(testClass, MqttTestBroker.class);
		return (annotation != null) ? new MqttTestBrokerContextCustomizer(annotation.value()) : null;
	}

}
