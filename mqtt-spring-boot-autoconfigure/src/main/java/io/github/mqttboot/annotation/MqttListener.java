package io.github.mqttboot.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.github.mqttboot.client.RetainHandling;

import org.springframework.aot.hint.annotation.Reflective;

/**
 * Marks a bean method as the listener of MQTT topics. The method's parameters are bound from the
 * message: the payload converted to the parameter's type ({@code byte[]}, {@code String}, any
 * JSON-mappable type, or {@code Message<?>}), {@code @Header} values named as in Spring
 * Integration's {@code MqttHeaders}, and {@link TopicVariable} values. A return value is
 * published to the {@code @SendTo} topic, or else to an MQTT 5 request's response topic.
 *
 * @author mqtt-spring-boot-starter
 * @since 0.1.0
 */
@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Reflective(MqttListenerReflectiveProcessor.class)
public @interface MqttListener {

	/**
	 * Topic filters, with {@code ${...}} placeholders and {@code {var}} levels (subscribed as
	 * {@code +} and bound to {@link TopicVariable} parameters).
	 * @return the topics
	 */
	String[] topics();

	/**
	 * Maximum QoS of the subscription.
	 * @return the QoS
	 */
	int qos() default 1;

	/**
	 * Unique id of the listener, to pause, resume or inspect it; generated as
	 * {@code <bean>.<method>} when empty. Placeholders allowed.
	 * @return the id
	 */
	String id() default "";

	/**
	 * Shared subscription group: the topics are subscribed as {@code $share/<group>/<topic>}, so
	 * that the group's instances share the messages. Placeholders allowed.
	 * @return the group
	 */
	String group() default "";

	/**
	 * Workers of this listener, overriding {@code mqtt.listener.concurrency}; order is kept per
	 * topic. Placeholders allowed.
	 * @return the concurrency
	 */
	String concurrency() default "";

	/**
	 * Whether the listener starts with the application, overriding
	 * {@code mqtt.listener.auto-startup}. Placeholders allowed.
	 * @return "true", "false", or empty for the default
	 */
	String autoStartup() default "";

	/**
	 * Name of a {@code MqttListenerErrorHandler} bean for this listener's failures.
	 * @return the bean name, or empty for the default handler
	 */
	String errorHandler() default "";

	/**
	 * Topic that failed messages are re-published to, overriding
	 * {@code mqtt.listener.dead-letter-topic}. Placeholders allowed.
	 * @return the topic, or empty for the default
	 */
	String deadLetterTopic() default "";

	/**
	 * Attempts per message before the error handler and the dead-letter topic get it,
	 * overriding {@code mqtt.listener.retry.max-attempts}; {@code 1} retries nothing.
	 * Placeholders allowed.
	 * @return the attempts, or empty for the default
	 */
	String maxAttempts() default "";

	/**
	 * Name of the client to subscribe with, one of those under {@code mqtt.clients}; replies and
	 * dead letters go out on it too. A listener on a client of its own never holds up the
	 * listeners of another client, because flow control is per connection.
	 * @return the client's name, or empty for the default client
	 */
	String client() default "";

	/**
	 * MQTT 5: whether the broker withholds this application's own publishes from the listener.
	 * @return {@code true} for no-local
	 */
	boolean noLocal() default false;

	/**
	 * MQTT 5: when the broker sends retained messages on subscribe, which the client does on
	 * every reconnect; {@link RetainHandling#SEND_IF_NEW} sends them once per persistent session.
	 * @return the retain handling
	 */
	RetainHandling retainHandling() default RetainHandling.SEND;

	/**
	 * MQTT 5: whether messages keep the retain flag they were published with.
	 * @return {@code true} for retain-as-published
	 */
	boolean retainAsPublished() default false;

}
