package io.github.mqttboot.test;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

import io.github.mqttboot.test.MqttTestBroker.Kind;

import org.springframework.util.ClassUtils;

/**
 * The starter's embedded HiveMQ CE broker on a free port. It is reached by name, not
 * compiled against: this module does not depend on {@code mqtt-spring-boot-autoconfigure},
 * whose own tests use it, while an application's test classpath always has both.
 *
 * @author mqtt-spring-boot-starter
 */
final class EmbeddedTestBroker implements TestMqttBroker {

	private static final String BROKER_CLASS = "io.github.mqttboot.embedded.EmbeddedMqttBroker";

	private static final String HIVEMQ_CLASS = "com.hivemq.embedded.EmbeddedHiveMQ";

	private final Object broker;

	private final String serverUri;

	private EmbeddedTestBroker(Object broker) {
		this.broker = broker;
		this.serverUri = (String) invoke("getServerUri");
	}

	static boolean isAvailable() {
		ClassLoader classLoader = EmbeddedTestBroker.class.getClassLoader();
		return ClassUtils.isPresent(BROKER_CLASS, classLoader) && ClassUtils.isPresent(HIVEMQ_CLASS, classLoader);
	}

	static EmbeddedTestBroker start() {
		try {
			Constructor<?> constructor = ClassUtils.forName(BROKER_CLASS, EmbeddedTestBroker.class.getClassLoader())
				.getConstructor(int.class);
			// port 0: the broker picks a free loopback port before it starts
			EmbeddedTestBroker broker = new EmbeddedTestBroker(constructor.newInstance(0));
			broker.invoke("start");
			return broker;
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("Cannot create the embedded broker", ex);
		}
	}

	@Override
	public String getServerUri() {
		return this.serverUri;
	}

	@Override
	public Kind getKind() {
		return Kind.EMBEDDED;
	}

	@Override
	public void close() {
		invoke("stop");
	}

	@Override
	public String toString() {
		return "embedded HiveMQ CE on " + this.serverUri;
	}

	private Object invoke(String name) {
		try {
			Method method = this.broker.getClass().getMethod(name);
			return method.invoke(this.broker);
		}
		catch (InvocationTargetException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException("Embedded broker " + name + " failed", ex.getCause());
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("Embedded broker has no " + name + "()", ex);
		}
	}

}
