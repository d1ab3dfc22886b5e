package io.github.mqttboot.listener;

import java.time.Duration;

import io.github.mqttboot.core.MqttConversionException;

import org.springframework.core.convert.ConversionException;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.handler.invocation.MethodArgumentResolutionException;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * How a listener tries a failed message again ({@code mqtt.listener.retry.*}): exponential
 * backoff between attempts, a bounded number of attempts. A message that cannot be converted or
 * validated fails the same way every time and is never retried.
 *
 * @param maxAttempts attempts per message, the first included; 1 retries nothing
 * @param initialInterval the wait before the second attempt
 * @param multiplier the factor applied to the wait after each attempt
 * @param maxInterval the longest wait
 * @author mqtt-spring-boot-starter
 * @since 0.1.0
 */
public record ListenerRetry(int maxAttempts, Duration initialInterval, double multiplier, Duration maxInterval) {

	/** No retry: the first failure takes the failure path. */
	public static final ListenerRetry NONE = new ListenerRetry(1, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(10));

	/**
	 * The backoff of one message, for a listener that allows the given attempts.
	 * @param attempts the listener's attempts per message
	 * @return the backoff, which stops after {@code attempts - 1} waits
	 */
	BackOff backOff(int attempts) {
		ExponentialBackOff backOff = new ExponentialBackOff(this.initialInterval.toMillis(), this.multiplier);
		backOff.setMaxInterval(this.maxInterval.toMillis());
		backOff.setMaxAttempts(Math.max(0, attempts - 1));
		return backOff;
	}

	/**
	 * Whether trying again can help: not for a payload or argument that cannot be converted or
	 * validated.
	 * @param failure the failure
	 * @return {@code true} if worth another attempt
	 */
	static boolean isRetryable(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof MessageConversionException || cause instanceof MethodArgumentResolutionException
					|| cause instanceof ConversionException || cause instanceof MqttConversionException) {
				return false;
			}
		}
		return true;
	}

	/** One message's attempts so far and its backoff. */
	static final class Attempts {

		private final BackOffExecution backOff;

		private int made = 1;

		Attempts(BackOffExecution backOff) {
			this.backOff = backOff;
		}

		/** The wait before the next attempt, or {@link BackOffExecution#STOP}. */
		long nextWait() {
			return this.backOff.nextBackOff();
		}

		void another() {
			this.made++;
		}

		int made() {
			return this.made;
		}

	}

}
