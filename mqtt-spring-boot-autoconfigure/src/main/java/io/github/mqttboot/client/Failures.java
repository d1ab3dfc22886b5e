package io.github.mqttboot.client;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Reads the failure a future completed with.
 *
 * @author mqtt-spring-boot-starter
 * @since 0.1.0
 */
public final class Failures {

	private Failures() {
	}

	/**
	 * Returns the failure inside the {@link CompletionException} and
	 * {@link ExecutionException} wrappers that futures add.
	 * @param failure a failure, possibly wrapped, or {@code null}
	 * @return the innermost cause that is not such a wrapper, or {@code null}
	 */
	public static Throwable unwrap(Throwable failure) {
		Throwable cause = failure;
		while ((cause instanceof CompletionException || cause instanceof ExecutionException)
				&& cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

}
