package io.github.mqttboot.testsupport;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.mqttboot.testsummary.TestBrokerSelection;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An MQTT 5 and 3.1.1 broker for tests that can be stopped, killed and started again on the
 * same loopback port: a {@link MosquittoBroker Mosquitto} child process where Mosquitto is
 * installed, else the {@link EmbeddedBroker embedded HiveMQ CE broker} in this JVM, so that the
 * suite needs only a JDK. {@code -Dmqtt.test.broker=mosquitto|embedded} (or
 * {@code MQTT_TEST_BROKER}) chooses one ({@link TestBrokerSelection}).
 * <p>
 * What only Mosquitto offers ({@link #user password files}, {@link #acl ACLs},
 * {@link #tls its TLS listener}, {@link #config mosquitto.conf lines}, or anything a test names
 * with {@link #requireMosquitto(String)}) makes the broker need Mosquitto: where it is missing,
 * every test that uses the broker is skipped, saying why ({@link #start()} aborts the test).
 * <p>
 * Used like {@link MosquittoBroker}: as a JUnit extension it is class-scoped
 * ({@code @RegisterExtension static}: started once, started again before a test if an earlier
 * one stopped it) or test-scoped (instance field), and closed when the class or test ends; it
 * also works with try-with-resources. A kill is abrupt (no DISCONNECT) and keeps no session,
 * unless the broker has {@link #persistence(boolean) persistence}.
 */
public final class TestBroker implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback,
		AutoCloseable {

	/**
	 * What a test needs Mosquitto for when a message must reach the client while an earlier one
	 * waits for its acknowledgement: HiveMQ CE sends a client its next messages only once all it
	 * has in flight are acknowledged.
	 */
	public static final String DELIVERY_PAST_UNACKNOWLEDGED = "delivery past an unacknowledged message";

	private static final String HOST = "127.0.0.1";

	private final String selected = TestBrokerSelection.broker();

	private final Set<String> mosquittoNeeds = new LinkedHashSet<>();

	private final Map<String, String> users = new LinkedHashMap<>();

	private final List<String> config = new ArrayList<>();

	private final List<String> acl = new ArrayList<>();

	private Path[] tls;

	private boolean requireCertificate;

	private boolean persistence;

	private boolean unboundedQueues;

	private int port;

	private int classScopes;

	private MosquittoBroker mosquitto;

	private EmbeddedBroker embedded;

	private TestBroker() {
	}

	/** A broker on a free port with anonymous access and no persistence. */
	public static TestBroker create() {
		return new TestBroker();
	}

	/**
	 * Return whether a thread belongs to the embedded broker (it runs in this JVM), for tests
	 * that check the client's threads.
	 * @param thread the thread
	 * @return whether the thread is the broker's
	 */
	public static boolean isBrokerThread(Thread thread) {
		return EmbeddedBroker.isBrokerThread(thread);
	}

	/** Listen on this port instead of a free one (before the port is first used). */
	public synchronized TestBroker fixedPort(int port) {
		this.port = port;
		return this;
	}

	/** Keep sessions and queued messages across restarts (on disk). */
	public synchronized TestBroker persistence(boolean persistence) {
		this.persistence = persistence;
		return this;
	}

	/**
	 * Never drop queued messages (both brokers drop beyond 1000 per client by default): Mosquitto's
	 * {@code max_queued_messages 0}, a queue of millions on the embedded broker.
	 */
	public synchronized TestBroker unboundedQueues() {
		this.unboundedQueues = true;
		return this;
	}

	/** Require authentication with a password file; needs Mosquitto. */
	public synchronized TestBroker user(String username, String password) {
		this.users.put(username, password);
		this.mosquittoNeeds.add("its password file");
		return this;
	}

	/** Extra {@code mosquitto.conf} lines; needs Mosquitto. */
	public synchronized TestBroker config(String... lines) {
		this.config.addAll(List.of(lines));
		this.mosquittoNeeds.add("mosquitto.conf " + String.join(", ", lines));
		return this;
	}

	/** ACL lines for an {@code acl_file}; needs Mosquitto. */
	public synchronized TestBroker acl(String... lines) {
		this.acl.addAll(List.of(lines));
		this.mosquittoNeeds.add("its ACL file");
		return this;
	}

	/** A TLS listener on a second port (see {@link MosquittoBroker#tls}); needs Mosquitto. */
	public synchronized TestBroker tls(Path caFile, Path certFile, Path keyFile, boolean requireCertificate) {
		this.tls = new Path[] { caFile, certFile, keyFile };
		this.requireCertificate = requireCertificate;
		this.mosquittoNeeds.add("its TLS listener");
		return this;
	}

	/**
	 * Run only on Mosquitto: the tests assert behaviour of Mosquitto's own.
	 * @param need what they need Mosquitto for, for the skip reason
	 * @return this broker
	 */
	public synchronized TestBroker requireMosquitto(String need) {
		this.mosquittoNeeds.add(need);
		return this;
	}

	/**
	 * Skip the running test unless this broker is Mosquitto: for a test of a class-scoped
	 * broker that asserts behaviour of Mosquitto's own while the class's other tests run on
	 * either broker.
	 * @param need what the test needs Mosquitto for, for the skip reason
	 */
	public synchronized void assumeMosquitto(String need) {
		if (!runsOnMosquitto() || !TestBrokerSelection.isMosquittoAvailable()) {
			Assumptions.abort(TestBrokerSelection.mosquittoUnavailable(need));
		}
	}

	/**
	 * Return whether the broker can run here: the chosen one, Mosquitto when it needs it.
	 * @return whether tests with this broker run
	 */
	public synchronized boolean isAvailable() {
		return !runsOnMosquitto() || TestBrokerSelection.isMosquittoAvailable();
	}

	/**
	 * Return whether this broker is Mosquitto rather than the embedded broker.
	 * @return whether it runs on Mosquitto
	 */
	public synchronized boolean isMosquitto() {
		return runsOnMosquitto();
	}

	/**
	 * Return the Receive Maximum the broker advertises in its CONNACK with its default
	 * configuration: Mosquitto's {@code max_inflight_messages} (20), HiveMQ's 10.
	 * @return the Receive Maximum
	 */
	public int receiveMaximum() {
		return isMosquitto() ? 20 : 10;
	}

	/**
	 * Start, and wait until the broker accepts connections; does nothing if it runs.
	 * @return this broker
	 * @throws org.opentest4j.TestAbortedException when the broker cannot run here: the test is
	 * skipped, saying why
	 */
	public synchronized TestBroker start() {
		assumeAvailable();
		if (runsOnMosquitto()) {
			mosquitto().start();
		}
		else {
			embedded().start();
		}
		return this;
	}

	/** Stop gracefully: Mosquitto saves its persistent state; see {@link EmbeddedBroker#stop()}. */
	public synchronized void stop() {
		if (this.mosquitto != null) {
			this.mosquitto.stop();
		}
		if (this.embedded != null) {
			this.embedded.stop();
		}
	}

	/** Kill, like a crash: no DISCONNECT, and no session kept unless with persistence. */
	public synchronized void kill() {
		if (this.mosquitto != null) {
			this.mosquitto.kill();
		}
		if (this.embedded != null) {
			this.embedded.kill();
		}
	}

	/** Stop the broker if it runs, then start it again on the same port. */
	public synchronized TestBroker restart() {
		stop();
		return start();
	}

	/** Stop the broker and delete its files; it may be started again afterwards. */
	@Override
	public synchronized void close() {
		if (this.mosquitto != null) {
			this.mosquitto.close();
			this.mosquitto = null;
		}
		if (this.embedded != null) {
			this.embedded.close();
			this.embedded = null;
		}
	}

	public synchronized boolean isRunning() {
		return (this.mosquitto != null && this.mosquitto.isRunning())
				|| (this.embedded != null && this.embedded.isRunning());
	}

	/** The listening port: a free one is picked on first use and kept across restarts. */
	public synchronized int port() {
		if (this.port == 0) {
			this.port = MosquittoBroker.freePort();
		}
		return this.port;
	}

	/** The server URI, {@code tcp://127.0.0.1:<port>}. */
	public String uri() {
		return "tcp://" + HOST + ":" + port();
	}

	/** The TLS listener's port (Mosquitto). */
	public synchronized int tlsPort() {
		return mosquitto().tlsPort();
	}

	/** The TLS server URI for a host name, {@code ssl://<host>:<tlsPort>}. */
	public String tlsUri(String host) {
		return "ssl://" + host + ":" + tlsPort();
	}

	/** The last lines of Mosquitto's log, for assertion messages. */
	public synchronized String logTail() {
		return (this.mosquitto != null) ? this.mosquitto.logTail() : "(the embedded broker logs through SLF4J)";
	}

	@Override
	public synchronized void beforeAll(ExtensionContext context) {
		this.classScopes++;
		// where the broker cannot run, each test is skipped on its own, so that each is counted
		if (isAvailable()) {
			start();
		}
	}

	@Override
	public synchronized void afterAll(ExtensionContext context) {
		this.classScopes = Math.max(0, this.classScopes - 1);
		if (this.classScopes == 0) {
			close();
		}
	}

	@Override
	public synchronized void beforeEach(ExtensionContext context) {
		start();
	}

	@Override
	public synchronized void afterEach(ExtensionContext context) {
		if (this.classScopes == 0) {
			close();
		}
	}

	private boolean runsOnMosquitto() {
		return TestBrokerSelection.MOSQUITTO.equals(this.selected) || !this.mosquittoNeeds.isEmpty();
	}

	private void assumeAvailable() {
		if (!isAvailable()) {
			Assumptions.abort(TestBrokerSelection
				.mosquittoUnavailable(this.mosquittoNeeds.isEmpty() ? null : String.join("; ", this.mosquittoNeeds)));
		}
	}

	private MosquittoBroker mosquitto() {
		if (this.mosquitto == null) {
			MosquittoBroker broker = MosquittoBroker.create().fixedPort(port()).persistence(this.persistence);
			this.users.forEach(broker::user);
			if (!this.acl.isEmpty()) {
				broker.acl(this.acl.toArray(String[]::new));
			}
			if (this.tls != null) {
				broker.tls(this.tls[0], this.tls[1], this.tls[2], this.requireCertificate);
			}
			if (this.unboundedQueues) {
				broker.config("max_queued_messages 0");
			}
			broker.config(this.config.toArray(String[]::new));
			this.mosquitto = broker;
		}
		return this.mosquitto;
	}

	private EmbeddedBroker embedded() {
		if (this.embedded == null) {
			this.embedded = new EmbeddedBroker(port(), this.persistence, this.unboundedQueues);
		}
		return this.embedded;
	}

}
