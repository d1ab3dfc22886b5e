package io.github.mqttboot.client;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Creates and counts every thread that one client owns. Threads are named
 * {@code mqtt-<client>-<role>-<n>} so that a thread dump tells who owns each one, and are
 * counted from creation until their last instruction, so that a leak shows in the
 * {@code mqtt.client.threads} gauge. With virtual workers (Java 21 and later) the threads that
 * run the application's code are virtual threads, named and counted the same way.
 *
 * @author mqtt-spring-boot-starter
 * @since 0.1.0
 */
public final class OwnedThreads {

	private final String clientName;

	private final boolean virtualWorkers;

	private final Map<Thread, String> live = new ConcurrentHashMap<>();

	private final Map<Thread, String> roles = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> sequences = new ConcurrentHashMap<>();

	/**
	 * Creates the threads' owner for one client.
	 * @param clientName the client's bean name, the {@code <client>} part of thread names
	 */
	public OwnedThreads(String clientName) {
		this(clientName, false);
	}

	/**
	 * Creates the threads' owner for one client.
	 * @param clientName the client's bean name, the {@code <client>} part of thread names
	 * @param virtualWorkers whether {@link #workerFactory(String)} creates virtual threads;
	 * ignored before Java 21, which has none
	 */
	public OwnedThreads(String clientName, boolean virtualWorkers) {
		this.clientName = clientName;
		this.virtualWorkers = virtualWorkers && VirtualThreads.isSupported();
	}

	/**
	 * Returns the client's name.
	 * @return the name
	 */
	public String clientName() {
		return this.clientName;
	}

	/**
	 * Returns a factory of daemon threads for the given role: for threads a library runs, which
	 * we may fail to end and which must never keep the JVM alive (the gauge still shows them).
	 * They are platform threads, also where virtual workers are asked for: they do the
	 * connection's I/O, blocking in socket reads and in the libraries' {@code synchronized}
	 * code (which pins a virtual thread to its carrier before Java 24), and never run the
	 * application's code, which they hand off to the workers.
	 * @param role what the threads do, for example {@code paho}
	 * @return the factory
	 */
	public ThreadFactory factory(String role) {
		return factory(role, true);
	}

	/**
	 * Returns a factory of threads for the given role.
	 * @param role what the threads do, for example {@code supervisor} or {@code listener}
	 * @param daemon {@code false} for the client's own threads, which keep an application without
	 * a web server alive while the client runs, as listener containers do
	 * @return the factory
	 */
	public ThreadFactory factory(String role, boolean daemon) {
		return named(role, (task) -> {
			Thread thread = new Thread(task);
			thread.setDaemon(daemon);
			return thread;
		});
	}

	/**
	 * Returns a factory of threads that run the application's code: listener invocations,
	 * callbacks of futures, event listeners. They are virtual threads when this owner was created
	 * with virtual workers, else platform threads that keep the JVM alive as
	 * {@link #factory(String, boolean) factory(role, false)} does (virtual threads never do:
	 * {@code spring.main.keep-alive} keeps an application without a web server running).
	 * @param role what the threads do, for example {@code listener}
	 * @return the factory
	 */
	public ThreadFactory workerFactory(String role) {
		return this.virtualWorkers ? named(role, VirtualThreads::newThread) : factory(role, false);
	}

	/**
	 * Returns whether {@link #workerFactory(String)} creates virtual threads.
	 * @return {@code true} when asked for and the JVM has them
	 */
	public boolean isVirtualWorkers() {
		return this.virtualWorkers;
	}

	private ThreadFactory named(String role, ThreadFactory creator) {
		AtomicInteger sequence = this.sequences.computeIfAbsent(role, (key) -> new AtomicInteger());
		return (task) -> {
			String name = "mqtt-" + this.clientName + "-" + role + "-" + sequence.incrementAndGet();
			Thread thread = creator.newThread(() -> runCounted(task));
			thread.setName(name);
			this.live.put(thread, name);
			this.roles.put(thread, role);
			return thread;
		};
	}

	private void runCounted(Runnable task) {
		try {
			task.run();
		}
		finally {
			this.live.remove(Thread.currentThread());
			this.roles.remove(Thread.currentThread());
		}
	}

	/**
	 * Returns the number of owned threads that were created and have not finished.
	 * @return the live count
	 */
	public int count() {
		// a thread that died outside its task (an Error in the factory's wrapper) is not live
		this.live.keySet().removeIf((thread) -> thread.getState() == Thread.State.TERMINATED);
		this.roles.keySet().retainAll(this.live.keySet());
		return this.live.size();
	}

	/**
	 * Returns the number of live owned threads of one role.
	 * @param role the role
	 * @return the live count
	 */
	public int count(String role) {
		count();
		return (int) this.roles.values().stream().filter(role::equals).count();
	}

	/**
	 * Waits until every owned thread has ended: a thread ends just after its last task, so a
	 * stop gives its pools the rest of its timeout before calling a survivor a leak.
	 * @param deadlineNanos the {@link System#nanoTime()} to wait until at most
	 * @return whether none is alive
	 */
	boolean awaitEnded(long deadlineNanos) {
		while (count() > 0 && System.nanoTime() < deadlineNanos) {
			LockSupport.parkNanos(5_000_000);
		}
		return count() == 0;
	}

	/**
	 * Returns a snapshot of the owned threads still alive.
	 * @return the threads
	 */
	public List<Thread> snapshot() {
		return List.copyOf(this.live.keySet());
	}

	/**
	 * Whether the given thread is one of ours.
	 * @param thread the thread
	 * @return {@code true} if owned
	 */
	public boolean owns(Thread thread) {
		return this.live.containsKey(thread);
	}

	/**
	 * Gives every owned thread its own name back. Paho renames the pool threads it runs on
	 * ({@code MQTT Rec: <clientId>}, ...); after a connect completes we restore ours.
	 */
	public void restoreNames() {
		this.live.forEach((thread, name) -> {
			if (!name.equals(thread.getName())) {
				thread.setName(name);
			}
		});
	}

	/**
	 * Gives the current thread its own name back after a task that renamed it.
	 */
	public void restoreName() {
		Thread thread = Thread.currentThread();
		String name = this.live.get(thread);
		if (name != null && !name.equals(thread.getName())) {
			thread.setName(name);
		}
	}

	/**
	 * Renders the live threads with their stacks, for a WARN about survivors.
	 * @return a multi-line description
	 */
	public String describe() {
		StringBuilder text = new StringBuilder();
		for (Thread thread : snapshot()) {
			text.append('"').append(thread.getName()).append("\" ").append(thread.getState()).append('\n');
			for (StackTraceElement element : thread.getStackTrace()) {
				text.append("\tat ").append(element).append('\n');
			}
		}
		return text.toString();
	}

}
