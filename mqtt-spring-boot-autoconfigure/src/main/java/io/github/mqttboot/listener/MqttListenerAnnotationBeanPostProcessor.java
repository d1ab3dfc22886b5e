package io.github.mqttboot.listener;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.mqttboot.annotation.MqttListener;
import io.github.mqttboot.client.SubscriptionOptions;
import io.github.mqttboot.client.TopicFilters;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.messaging.handler.annotation.SendTo;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Finds {@link MqttListener} methods and registers an endpoint for each with the
 * {@link MqttListenerEndpointRegistry} once every singleton exists. Placeholders are resolved
 * and topics validated here, so that a bad one fails startup naming the method.
 *
 * @author mqtt-spring-boot-starter
 * @since 0.1.0
 */
public class MqttListenerAnnotationBeanPostProcessor
		implements BeanPostProcessor, BeanFactoryAware, SmartInitializingSingleton {

	private final List<PendingEndpoint> endpoints = new ArrayList<>();

	private final Map<String, Integer> generatedIds = new HashMap<>();

	private ConfigurableBeanFactory beanFactory;

	/**
	 * Creates a post-processor; the bean factory is set by the container.
	 */
	public MqttListenerAnnotationBeanPostProcessor() {
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = (ConfigurableBeanFactory) beanFactory;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
		Class<?> type = AopUtils.getTargetClass(bean);
		Map<Method, MqttListener> methods = MethodIntrospector.selectMethods(type,
				(MethodIntrospector.MetadataLookup<MqttListener>) (method) -> AnnotatedElementUtils
					.findMergedAnnotation(method, MqttListener.class));
		methods.forEach((method, annotation) -> this.endpoints.add(new PendingEndpoint(
				endpoint(bean, beanName, method, annotation), textOrNull(resolve(annotation.client())))));
		return bean;
	}

	/** A topic published to: a bad one would fail every message's reply or dead letter. */
	private static String publishTopic(String where, String attribute, String topic) {
		if (topic != null) {
			try {
				TopicFilters.validateTopicName(topic);
			}
			catch (IllegalArgumentException ex) {
				throw new MqttListenerDefinitionException(where, attribute + " topic '" + topic + "' is not valid: "
						+ ex.getMessage(), "Publish to a topic name, without wildcards");
			}
		}
		return topic;
	}

	private MqttListenerEndpoint endpoint(Object bean, String beanName, Method method, MqttListener annotation) {
		String where = ClassUtils.getUserClass(bean).getSimpleName() + "." + method.getName() + "()";
		List<TopicTemplate> topics = new ArrayList<>();
		for (String topic : annotation.topics()) {
			String resolved = resolve(topic);
			try {
				topics.add(TopicTemplate.parse(resolved));
			}
			catch (IllegalArgumentException ex) {
				throw new MqttListenerDefinitionException(where, "topic '" + resolved + "' is not valid: "
						+ ex.getMessage(), "Fix the topic filter in the annotation or the property it names", ex);
			}
		}
		if (topics.isEmpty()) {
			throw new MqttListenerDefinitionException(where, "names no topic", "Give it at least one topic filter");
		}
		if (annotation.qos() < 0 || annotation.qos() > 2) {
			throw new MqttListenerDefinitionException(where, "qos " + annotation.qos() + " is not a QoS",
					"Use qos 0, 1 or 2");
		}
		ListenerSignature.check(where, method, topics);
		String id = resolve(annotation.id());
		if (!StringUtils.hasText(id)) {
			id = generatedId(beanName + "." + method.getName());
		}
		SendTo sendTo = AnnotatedElementUtils.findMergedAnnotation(method, SendTo.class);
		String replyTopic = publishTopic(where, "@SendTo",
				(sendTo != null && sendTo.value().length > 0) ? resolve(sendTo.value()[0]) : null);
		String deadLetterTopic = publishTopic(where, "deadLetterTopic",
				textOrNull(resolve(annotation.deadLetterTopic())));
		Method invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
		return new MqttListenerEndpoint(id, topics, annotation.qos(), textOrNull(resolve(annotation.group())),
				atLeastOne("concurrency", resolve(annotation.concurrency()), where),
				autoStartup(resolve(annotation.autoStartup())), textOrNull(annotation.errorHandler()),
				deadLetterTopic, replyTopic,
				atLeastOne("maxAttempts", resolve(annotation.maxAttempts()), where),
				new SubscriptionOptions(annotation.noLocal(), annotation.retainHandling(), annotation.retainAsPublished()),
				bean, invocable);
	}

	private String generatedId(String base) {
		int count = this.generatedIds.merge(base, 1, Integer::sum);
		return (count == 1) ? base : base + "#" + count;
	}

	/** A whole number of at least 1, or 0 when empty (the default applies). */
	private static int atLeastOne(String attribute, String value, String where) {
		if (!StringUtils.hasText(value)) {
			return 0;
		}
		try {
			int number = Integer.parseInt(value.trim());
			if (number < 1) {
				throw new NumberFormatException();
			}
			return number;
		}
		catch (NumberFormatException ex) {
			throw new MqttListenerDefinitionException(where, attribute + " '" + value + "' is not a whole number of "
					+ "at least 1", "Set " + attribute + " to 1 or more, or leave it empty for the default");
		}
	}

	private static Boolean autoStartup(String value) {
		return StringUtils.hasText(value) ? Boolean.valueOf(value.trim()) : null;
	}

	private static String textOrNull(String value) {
		return StringUtils.hasText(value) ? value : null;
	}

	private String resolve(String value) {
		return (this.beanFactory != null && value != null) ? this.beanFactory.resolveEmbeddedValue(value) : value;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (this.endpoints.isEmpty()) {
			return;
		}
		ObjectProvider<MqttListenerEndpointRegistry> provider = ((BeanFactory) this.beanFactory)
			.getBeanProvider(MqttListenerEndpointRegistry.class);
		// one registry per client; the default client's is the primary one
		Map<String, MqttListenerEndpointRegistry> registries = new LinkedHashMap<>();
		provider.orderedStream().forEach((registry) -> registries.put(registry.getClient().getName(), registry));
		MqttListenerEndpointRegistry defaultRegistry = provider.getObject();
		Map<String, MqttListenerEndpoint> ids = new HashMap<>();
		for (PendingEndpoint pending : this.endpoints) {
			MqttListenerEndpoint endpoint = pending.endpoint();
			MqttListenerEndpoint sameId = ids.putIfAbsent(endpoint.id(), endpoint);
			if (sameId != null) {
				throw new MqttListenerDefinitionException(endpoint.methodDescription(), "its id '" + endpoint.id()
						+ "' is also the id of " + sameId.methodDescription(), "Give each @MqttListener an id of its own");
			}
			MqttListenerEndpointRegistry registry = (pending.client() != null) ? registries.get(pending.client())
					: defaultRegistry;
			if (registry == null) {
				throw new MqttListenerDefinitionException(endpoint.methodDescription(), "names client '"
						+ pending.client() + "', but there is no client of that name (the clients are "
						+ registries.keySet() + ")", "Declare the client under mqtt.clients." + pending.client()
						+ " (its server-uris at least), or correct the name in the annotation");
			}
			registry.registerEndpoint(endpoint);
		}
		this.endpoints.clear();
	}

	/** An endpoint and the name of the client it asks for, {@code null} for the default one. */
	private record PendingEndpoint(MqttListenerEndpoint endpoint, String client) {
	}

}
