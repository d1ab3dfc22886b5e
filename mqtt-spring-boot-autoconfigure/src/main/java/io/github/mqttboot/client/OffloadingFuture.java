package io.github.mqttboot.client;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A future whose dependent stages run on the client's callback threads, never on the thread
 * that completes it: publishes and subscriptions complete on the connection's I/O threads, where
 * a blocking callback would hold up every other message. Waiting with {@code get()} or
 * {@code join()} needs no thread hop, and neither does completing a future that nobody
 * depends on. Every stage derived from it offloads too.
 *
 * @param <T> the result type
 * @author mqtt-spring-boot-starter
 * @since 0.1.0
 */
public final class OffloadingFuture<T> extends CompletableFuture<T> {

	private final Executor callbacks;

	OffloadingFuture(Executor callbacks) {
		this.callbacks = callbacks;
	}

	/**
	 * Runs an action as this future completes, without a hop: on the completing thread, or
	 * on a thread that helps it finish (one waiting on this future or running another of its
	 * stages). For instrumentation that returns at once and never blocks (stopping a timer, an
	 * observation). Everything else belongs in the ordinary stages, which run on the client's
	 * callback threads.
	 * @param action the action
	 * @return a future completed like this one once the action ran
	 */
	public CompletableFuture<T> whenCompleteInline(BiConsumer<? super T, ? super Throwable> action) {
		return super.whenComplete(action);
	}

	/**
	 * Runs an action as the given future completes: without a hop when it is an
	 * {@code OffloadingFuture} (see {@link #whenCompleteInline(BiConsumer)}), else as
	 * {@link CompletableFuture#whenComplete(BiConsumer)} does. For code that holds a future that
	 * may be either: one from {@link ManagedMqttClient#publish(OutboundMessage)}, or one composed
	 * from it or failed before a publish was sent.
	 * @param <T> the result type
	 * @param future the future
	 * @param action the action, which returns at once and never blocks
	 * @return a future completed like the given one once the action ran
	 */
	public static <T> CompletableFuture<T> whenCompleteInline(CompletableFuture<T> future,
			BiConsumer<? super T, ? super Throwable> action) {
		return (future instanceof OffloadingFuture<T> offloading) ? offloading.whenCompleteInline(action)
				: future.whenComplete(action);
	}

	@Override
	public <U> CompletableFuture<U> newIncompleteFuture() {
		return new OffloadingFuture<>(this.callbacks);
	}

	@Override
	public Executor defaultExecutor() {
		return this.callbacks;
	}

	@Override
	public <U> CompletableFuture<U> thenApply(Function<? super T, ? extends U> fn) {
		return thenApplyAsync(fn);
	}

	@Override
	public CompletableFuture<Void> thenAccept(Consumer<? super T> action) {
		return thenAcceptAsync(action);
	}

	@Override
	public CompletableFuture<Void> thenRun(Runnable action) {
		return thenRunAsync(action);
	}

	@Override
	public <U, V> CompletableFuture<V> thenCombine(CompletionStage<? extends U> other,
			BiFunction<? super T, ? super U, ? extends V> fn) {
		return thenCombineAsync(other, fn);
	}

	@Override
	public <U> CompletableFuture<Void> thenAcceptBoth(CompletionStage<? extends U> other,
			BiConsumer<? super T, ? super U> action) {
		return thenAcceptBothAsync(other, action);
	}

	@Override
	public CompletableFuture<Void> runAfterBoth(CompletionStage<?> other, Runnable action) {
		return runAfterBothAsync(other, action);
	}

	@Override
	public <U> CompletableFuture<U> applyToEither(CompletionStage<? extends T> other, Function<? super T, U> fn) {
		return applyToEitherAsync(other, fn);
	}

	@Override
	public CompletableFuture<Void> acceptEither(CompletionStage<? extends T> other, Consumer<? super T> action) {
		return acceptEitherAsync(other, action);
	}

	@Override
	public CompletableFuture<Void> runAfterEither(CompletionStage<?> other, Runnable action) {
		return runAfterEitherAsync(other, action);
	}

	@Override
	public <U> CompletableFuture<U> thenCompose(Function<? super T, ? extends CompletionStage<U>> fn) {
		return thenComposeAsync(fn);
	}

	@Override
	public CompletableFuture<T> whenComplete(BiConsumer<? super T, ? super Throwable> action) {
		return whenCompleteAsync(action);
	}

	@Override
	public <U> CompletableFuture<U> handle(BiFunction<? super T, Throwable, ? extends U> fn) {
		return handleAsync(fn);
	}

	@Override
	public CompletableFuture<T> exceptionally(Function<Throwable, ? extends T> fn) {
		return exceptionallyAsync(fn);
	}

	@Override
	public CompletableFuture<T> exceptionallyCompose(Function<Throwable, ? extends CompletionStage<T>> fn) {
		return exceptionallyComposeAsync(fn);
	}

}
