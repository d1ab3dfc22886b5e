package io.github.mqttboot.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a listener method parameter to a {@code {var}} level of the listener's topic template,
 * converted to the parameter's type: {@code @MqttListener(topics = "sensors/{id}/temperature")}
 * with {@code @TopicVariable String id}.
 *
 * @author mqtt-spring-boot-starter
 * @since 0.1.0
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface TopicVariable {

	/**
	 * Name of the variable; defaults to the parameter's name.
	 * @return the name
	 */
	String value() default "";

}
