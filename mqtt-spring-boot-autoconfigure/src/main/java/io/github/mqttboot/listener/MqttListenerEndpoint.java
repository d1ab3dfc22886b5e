package io.github.mqttboot.listener;

import java.lang.reflect.Method;
import java.util.List;

import io.github.mqttboot.client.SubscriptionOptions;

import org.springframework.util.ClassUtils;

/**
 * What one {@code @MqttListener} method asks for, with placeholders resolved and defaults
 * applied.
 *
 * @param id the listener's unique id
 * @param topics the topic templates
 * @param qos the subscription's maximum QoS
 * @param group the shared subscription group, or {@code null}
 * @param concurrency the number of workers, or 0 for the default
 * @param autoStartup whether it starts with the application, or {@code null} for the default
 * @param errorHandler the name of its error handler bean, or {@code null}
 * @param deadLetterTopic where failed messages go, or {@code null} for the default
 * @param sendTo where return values go, or {@code null}
 * @param maxAttempts attempts per message before the failure path, or 0 for the default
 * @param subscriptionOptions the MQTT 5 subscription options of its subscriptions
 * @param bean the bean
 * @param method the method
 * @author mqtt-spring-boot-starter
 * @since 0.1.0
 */
public record MqttListenerEndpoint(String id, List<TopicTemplate> topics, int qos, String group, int concurrency,
		Boolean autoStartup, String errorHandler, String deadLetterTopic, String sendTo, int maxAttempts,
		SubscriptionOptions subscriptionOptions, Object bean, Method method) {

	/**
	 * Returns the filters to subscribe to, shared when a group is set.
	 * @return the filters
	 */
	public List<String> filters() {
		return this.topics.stream()
			.map((topic) -> (this.group != null) ? "$share/" + this.group + "/" + topic.getFilter() : topic.getFilter())
			.toList();
	}

	/**
	 * Returns this endpoint with the defaults filled in where it sets nothing.
	 * @param defaults the listener defaults
	 * @return the effective endpoint
	 */
	MqttListenerEndpoint withDefaults(ListenerSettings defaults) {
		return new MqttListenerEndpoint(this.id, this.topics, this.qos, this.group,
				(this.concurrency > 0) ? this.concurrency : Math.max(1, defaults.concurrency()),
				(this.autoStartup != null) ? this.autoStartup : defaults.autoStartup(), this.errorHandler,
				(this.deadLetterTopic != null) ? this.deadLetterTopic : defaults.deadLetterTopic(), this.sendTo,
				(this.maxAttempts > 0) ? this.maxAttempts : defaults.retry().maxAttempts(), this.subscriptionOptions,
				this.bean, this.method);
	}

	/**
	 * Describes the method for messages: {@code Bean.method()}.
	 * @return the description
	 */
	public String methodDescription() {
		return ClassUtils.getUserClass(this.bean).getSimpleName() + "." + this.method.getName() + "()";
	}

}
