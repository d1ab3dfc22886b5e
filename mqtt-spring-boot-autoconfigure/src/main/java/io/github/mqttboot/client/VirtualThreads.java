package io.github.mqttboot.client;

import java.util.concurrent.ThreadFactory;

/**
 * Virtual threads where the JVM has them (Java 21 and later). The starter compiles for Java 17,
 * so the factory is looked up through reflection, once.
 *
 * @author mqtt-spring-boot-starter
 */
final class VirtualThreads {

	private static final ThreadFactory FACTORY = lookUpFactory();

	private VirtualThreads() {
	}

	/**
	 * Whether this JVM can create virtual threads.
	 * @return {@code true} on Java 21 and later
	 */
	static boolean isSupported() {
		return FACTORY != null;
	}

	/**
	 * Creates an unstarted, unnamed virtual thread.
	 * @param task what it runs
	 * @return the thread
	 * @throws IllegalStateException before Java 21
	 */
	static Thread newThread(Runnable task) {
		if (FACTORY == null) {
			throw new IllegalStateException("Virtual threads need Java 21 or later");
		}
		return FACTORY.newThread(task);
	}

	/** {@code Thread.ofVirtual().factory()}: thread safe, unlike the builder itself. */
	private static ThreadFactory lookUpFactory() {
		try {
			Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
			// the builder's class is internal: call through the public interface
			return (ThreadFactory) Class.forName("java.lang.Thread$Builder").getMethod("factory").invoke(builder);
		}
		catch (ReflectiveOperationException | LinkageError ex) {
			return null;
		}
	}

}
