package io.github.mqttboot.listener;

/**
 * An {@code @MqttListener} method cannot be run as written: a topic or QoS that is not valid, a
 * signature that cannot be bound, an id used twice, an error handler that does not exist. Thrown
 * at startup and reported as a failure analysis naming the method.
 *
 * @author mqtt-spring-boot-starter
 * @since 0.1.0
 */
public class MqttListenerDefinitionException extends IllegalStateException {

	private final String method;

	private final String problem;

	private final String action;

	/**
	 * Creates an exception.
	 * @param method the method, as {@code Bean.method()}
	 * @param problem what is wrong, in words
	 * @param action what to change
	 */
	public MqttListenerDefinitionException(String method, String problem, String action) {
		this(method, problem, action, null);
	}

	/**
	 * Creates an exception with a cause.
	 * @param method the method, as {@code Bean.method()}
	 * @param problem what is wrong, in words
	 * @param action what to change
	 * @param cause the underlying failure, or {@code null}
	 */
	public MqttListenerDefinitionException(String method, String problem, String action, Throwable cause) {
		super("@MqttListener " + method + ": " + problem, cause);
		this.method = method;
		this.problem = problem;
		this.action = action;
	}

	/**
	 * Returns the method, as {@code Bean.method()}.
	 * @return the method, as {@code Bean.method()}
	 */
	public String getMethod() {
		return this.method;
	}

	/**
	 * Returns what is wrong.
	 * @return what is wrong
	 */
	public String getProblem() {
		return this.problem;
	}

	/**
	 * Returns what to change.
	 * @return what to change
	 */
	public String getAction() {
		return this.action;
	}

}
