package io.github.mqttboot.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Starts an MQTT broker on a free loopback port before the test's application context and
 * points the application at it: sets {@code mqtt.server-uris} (and
 * {@code mqtt.embedded.enabled=false}, so the starter's own development broker stays off).
 * The broker is a bean of type {@link TestMqttBroker} and stops after the context closes.
 * Test classes with the same {@link #value()} share a cached context, and so its broker.
 *
 * <pre class="code">
 * &#64;SpringBootTest
 * &#64;MqttTestBroker
 * class ReadingsTests {
 *
 * 	&#64;Autowired
 * 	TestMqttBroker broker;
 *
 * }
 * </pre>
 *
 * @author mqtt-spring-boot-starter
 * @see MqttBrokerExtension
 * @see MqttTestSubscriber
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface MqttTestBroker {

	/**
	 * Which broker to start.
	 * @return the kind of broker
	 */
	Kind value() default Kind.AUTO;

	/**
	 * The brokers a test can run against.
	 */
	enum Kind {

		/**
		 * Mosquitto when the {@code mosquitto} binary is installed, else the embedded broker;
		 * {@code -Dmqtt.test.broker=mosquitto|embedded} (or the environment variable
		 * {@code MQTT_TEST_BROKER}) chooses one, and {@code embedded} makes
		 * {@link #MOSQUITTO} unavailable too, as on a machine without it.
		 */
		AUTO,

		/**
		 * A Mosquitto process ({@code mosquitto} on the {@code PATH} or in a usual location).
		 */
		MOSQUITTO,

		/**
		 * The starter's embedded HiveMQ CE broker
		 * ({@code com.hivemq:hivemq-community-edition-embedded} on the test classpath).
		 */
		EMBEDDED

	}

}
