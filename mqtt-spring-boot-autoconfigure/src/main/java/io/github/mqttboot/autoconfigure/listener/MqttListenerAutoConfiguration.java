package io.github.mqttboot.autoconfigure.listener;

import io.github.mqttboot.autoconfigure.MqttAutoConfiguration;
import io.github.mqttboot.autoconfigure.MqttListenerProperties;
import io.github.mqttboot.autoconfigure.MqttObservationSupport;
import io.github.mqttboot.autoconfigure.MqttProperties;
import io.github.mqttboot.client.ManagedMqttClient;
import io.github.mqttboot.core.MqttPayloadConverter;
import io.github.mqttboot.listener.CompositeListenerObserver;
import io.github.mqttboot.listener.ListenerRetry;
import io.github.mqttboot.listener.ListenerSettings;
import io.github.mqttboot.listener.MqttListenerAnnotationBeanPostProcessor;
import io.github.mqttboot.listener.MqttListenerEndpointRegistry;
import io.github.mqttboot.listener.MqttListenerErrorHandler;
import io.github.mqttboot.listener.MqttListenerMethodFactory;
import io.github.mqttboot.listener.MqttListenerObserver;
import io.github.mqttboot.observation.MqttListenerObservationConvention;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.context.annotation.Role;
import org.springframework.messaging.handler.annotation.support.MessageHandlerMethodFactory;
import org.springframework.util.StringUtils;
import org.springframework.validation.Validator;

/**
 * Auto-configuration of {@code @MqttListener} methods: the annotation post-processor and the
 * registry that runs one container per listener, one registry per client.
 *
 * @author mqtt-spring-boot-starter
 */
@AutoConfiguration(after = MqttAutoConfiguration.class,
		afterName = "org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration")
@ConditionalOnClass(MessageHandlerMethodFactory.class)
@ConditionalOnBean(ManagedMqttClient.class)
@Import(NamedListenerRegistriesRegistrar.class)
public final class MqttListenerAutoConfiguration {

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	@ConditionalOnMissingBean
	static MqttListenerAnnotationBeanPostProcessor mqttListenerAnnotationBeanPostProcessor() {
		return new MqttListenerAnnotationBeanPostProcessor();
	}

	@Bean
	@Primary
	@ConditionalOnMissingBean
	MqttListenerEndpointRegistry mqttListenerEndpointRegistry(ManagedMqttClient client, MqttProperties properties,
			ListableBeanFactory beanFactory) {
		return registry(client, properties, beanFactory);
	}

	/** The registry of one client's listeners, with the client's {@code mqtt.listener.*} defaults. */
	static MqttListenerEndpointRegistry registry(ManagedMqttClient client, MqttProperties properties,
			ListableBeanFactory beanFactory) {
		MqttPayloadConverter converter = beanFactory.getBean(MqttPayloadConverter.class);
		MqttListenerProperties listener = properties.getListener();
		ListenerSettings settings = new ListenerSettings(listener.getQueueCapacity(),
				listener.getAckMode() == MqttListenerProperties.AckMode.AFTER_HANDLER,
				listener.getMaxPayloadSize().toBytes(), listener.getConcurrency(), listener.isAutoStartup(),
				StringUtils.hasText(listener.getDeadLetterTopic()) ? listener.getDeadLetterTopic() : null,
				properties.getShutdown().getTimeout(),
				MqttObservationSupport.observationRegistry(properties, beanFactory),
				beanFactory.getBeanProvider(MqttListenerObservationConvention.class).getIfUnique(),
				retry(listener.getRetry()), listener.getQos0Overflow() == MqttListenerProperties.Qos0Overflow.DROP,
				listener.getStallTimeout());
		// observers of one client (its meters, its events) are told of that client's listeners only
		MqttListenerObserver observer = new CompositeListenerObserver(beanFactory
			.getBeanProvider(MqttListenerObserver.class)
			.orderedStream()
			.filter((each) -> each.observes(client.getName()))
			.toList());
		return new MqttListenerEndpointRegistry(client, converter, settings,
				MqttListenerMethodFactory.create(converter,
						beanFactory.getBeanProvider(Validator.class).getIfUnique()),
				(name) -> beanFactory.getBean(name, MqttListenerErrorHandler.class), observer);
	}

	private static ListenerRetry retry(MqttListenerProperties.Retry retry) {
		return new ListenerRetry(retry.getMaxAttempts(), retry.getInitialInterval(), retry.getMultiplier(),
				retry.getMaxInterval());
	}

}
