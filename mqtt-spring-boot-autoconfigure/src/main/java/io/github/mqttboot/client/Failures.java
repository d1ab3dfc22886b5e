package io.github.mqttboot.client;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;

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

	/**
	 * Finds the first failure of a type in a cause chain.
	 * @param <T> the type
	 * @param failure the failure, or {@code null}
	 * @param type the type
	 * @return the failure itself or its first cause of the type, or {@code null}
	 */
	public static <T extends Throwable> T find(Throwable failure, Class<T> type) {
		Throwable found = find(failure, type::isInstance);
		return type.cast(found);
	}

	/**
	 * Finds the first failure that matches in a cause chain.
	 * @param failure the failure, or {@code null}
	 * @param test the test
	 * @return the failure itself or its first cause that matches, or {@code null}
	 */
	public static Throwable find(Throwable failure, Predicate<Throwable> test) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (test.test(cause)) {
				return cause;
			}
		}
		return null;
	}

}
