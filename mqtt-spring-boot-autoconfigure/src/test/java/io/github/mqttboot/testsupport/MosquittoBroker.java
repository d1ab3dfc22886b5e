package io.github.mqttboot.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import io.github.mqttboot.testsummary.TestBrokerSelection;
import io.github.mqttboot.testsummary.TestBrokerUsage;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Mosquitto broker, a child process on a loopback port, for what an embedded broker
 * cannot fake: kill -9, restart on the same port, persistence, password files.
 * <p>
 * As a JUnit extension it is class-scoped ({@code @RegisterExtension static}: started
 * once, restarted before a test if an earlier one stopped it) or test-scoped (instance
 * field), and skips each test when Mosquitto is not available (not installed, or the embedded
 * broker chosen: see {@link TestBrokerSelection}); {@link TestBroker} falls back to the embedded
 * broker instead. It also works with try-with-resources. Config, log and data live
 * in a temporary directory deleted by {@link #close()}; the process is killed when the
 * registering test or class ends, whatever the outcome, and by a JVM shutdown hook.
 */
public final class MosquittoBroker implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
		AfterEachCallback, AutoCloseable {

	private static final String HOST = "127.0.0.1";

	private static final List<String> FALLBACK_DIRS = List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin",
			"/usr/local/bin", "/opt/homebrew/sbin", "/opt/homebrew/bin");

	private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

	private static final Set<MosquittoBroker> live = ConcurrentHashMap.newKeySet();

	static {
		Runtime.getRuntime()
			.addShutdownHook(new Thread(() -> live.forEach(MosquittoBroker::destroyOnExit), "mosquitto-broker-exit"));
	}

	private final Map<String, String> users = new LinkedHashMap<>();

	private final List<String> extraConfig = new ArrayList<>();

	private final List<String> acl = new ArrayList<>();

	private boolean persistence;

	private int port;

	private int tlsPort;

	private List<String> tlsConfig = List.of();

	private int classScopes;

	private volatile Path directory;

	private volatile Process process;

	private MosquittoBroker() {
	}

	/** A broker on a free port with anonymous access and no persistence. */
	public static MosquittoBroker create() {
		return new MosquittoBroker();
	}

	/** Whether a {@code mosquitto} binary is on the {@code PATH} or in a usual location. */
	public static boolean isInstalled() {
		return findExecutable("mosquitto") != null;
	}

	/** Whether tests may run Mosquitto: installed, and not the embedded broker chosen. */
	public static boolean isAvailable() {
		return TestBrokerSelection.isMosquittoAvailable();
	}

	/**
	 * Skip the running test, or the tests of a class when called in {@code @BeforeAll}, unless
	 * Mosquitto is available.
	 * @param need what the test needs Mosquitto for, for the skip reason
	 */
	public static void assumeAvailable(String need) {
		if (!isAvailable()) {
			Assumptions.abort(TestBrokerSelection.mosquittoUnavailable(need));
		}
	}

	/** Listen on this port instead of a free one (before the port is first used). */
	public synchronized MosquittoBroker fixedPort(int port) {
		this.port = port;
		return this;
	}

	/** Persist sessions and messages in the broker directory (autosaved every second). */
	public synchronized MosquittoBroker persistence(boolean persistence) {
		this.persistence = persistence;
		return this;
	}

	/** Require authentication (password file, no anonymous access); may be repeated. */
	public synchronized MosquittoBroker user(String username, String password) {
		this.users.put(username, password);
		return this;
	}

	/** Extra {@code mosquitto.conf} lines, such as {@code "log_type all"}. */
	public synchronized MosquittoBroker config(String... lines) {
		this.extraConfig.addAll(Arrays.asList(lines));
		return this;
	}

	/**
	 * Add a TLS listener on a second free port (see {@link #tlsPort()}).
	 * @param caFile the CA that client certificates must chain to
	 * @param certFile the server certificate (PEM)
	 * @param keyFile its private key (PEM)
	 * @param requireCertificate whether clients must present a certificate (mutual TLS)
	 */
	public synchronized MosquittoBroker tls(Path caFile, Path certFile, Path keyFile, boolean requireCertificate) {
		this.tlsConfig = List.of("cafile " + caFile, "certfile " + certFile, "keyfile " + keyFile,
				"require_certificate " + requireCertificate);
		return this;
	}

	/**
	 * Changes a user's password in the password file of the running broker (with
	 * {@code mosquitto_passwd}), then makes the broker read it again ({@link #reload()}).
	 * Connections already open stay open.
	 */
	public synchronized MosquittoBroker changePassword(String username, String password) {
		this.users.put(username, password);
		try {
			writePasswordFile(directory());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the password file", ex);
		}
		return reload();
	}

	/**
	 * Sends the running broker SIGHUP, on which Mosquitto reads its password and ACL files again,
	 * and waits until it logged so.
	 */
	public synchronized MosquittoBroker reload() {
		if (!isRunning()) {
			throw new IllegalStateException("Mosquitto is not running");
		}
		long logOffset = logFile().toFile().length();
		try {
			Process kill = new ProcessBuilder("kill", "-HUP", String.valueOf(this.process.pid())).start();
			if (!await(kill, Duration.ofSeconds(10)) || kill.exitValue() != 0) {
				throw new IllegalStateException("kill -HUP " + this.process.pid() + " failed");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot signal Mosquitto", ex);
		}
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (!readFrom(logFile(), logOffset).contains("Reloading config")) {
			if (System.nanoTime() - deadline > 0) {
				throw new IllegalStateException("Mosquitto did not reload its config\n" + logTail());
			}
			await(this.process, Duration.ofMillis(20));
		}
		return this;
	}

	/** Access control lines ({@code user bob}, {@code topic read a/#}, ...) for an {@code acl_file}. */
	public synchronized MosquittoBroker acl(String... lines) {
		this.acl.addAll(Arrays.asList(lines));
		return this;
	}

	/** The TLS listener's port: a free one is picked on first use and kept across restarts. */
	public synchronized int tlsPort() {
		if (this.tlsPort == 0) {
			this.tlsPort = freePort();
		}
		return this.tlsPort;
	}

	/** The TLS server URI for a host name, {@code ssl://<host>:<tlsPort>}. */
	public String tlsUri(String host) {
		return "ssl://" + host + ":" + tlsPort();
	}

	/**
	 * Write the config, start, and wait until the broker logged "running" and its port
	 * accepts TCP. Bind failures (the port may be held right after a kill) are retried
	 * for up to 10 s. Does nothing if the broker already runs. Skips the running test when
	 * Mosquitto is not {@link #isAvailable() available}.
	 */
	public synchronized MosquittoBroker start() {
		if (isRunning()) {
			return this;
		}
		assumeAvailable(null);
		Path binary = findExecutable("mosquitto");
		if (binary == null) {
			throw new IllegalStateException("Mosquitto is not installed (neither on PATH nor in " + FALLBACK_DIRS + ")");
		}
		writeConfig();
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		for (int attempt = 1;; attempt++) {
			long logOffset = logFile().toFile().length();
			launch(binary);
			String failure = awaitReady(logOffset, deadline);
			if (failure == null) {
				TestBrokerUsage.record(TestBrokerSelection.MOSQUITTO);
				return this;
			}
			kill();
			if (!failure.contains("in use") || System.nanoTime() - deadline > 0) {
				throw new IllegalStateException("Mosquitto did not start on port " + this.port + " ("
						+ attempt + " attempts): " + failure + "\n" + logTail());
			}
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
		}
	}

	/** Stop gracefully (SIGTERM, saving persistent state), kill -9 if still alive after 5 s. */
	public synchronized void stop() {
		if (this.process != null) {
			this.process.destroy();
			await(this.process, Duration.ofSeconds(5));
			kill();
		}
	}

	/** Kill with SIGKILL, like a crash: no DISCONNECT, unsaved persistent state is lost. */
	public synchronized void kill() {
		if (this.process != null) {
			this.process.destroyForcibly();
			await(this.process, Duration.ofSeconds(10));
			this.process = null;
		}
	}

	/** Stop the broker if it runs, then start it again on the same port and directory. */
	public synchronized MosquittoBroker restart() {
		stop();
		return start();
	}

	/** Kill the broker and delete its directory; it may be started again afterwards. */
	@Override
	public synchronized void close() {
		kill();
		live.remove(this);
		deleteRecursively(this.directory);
		this.directory = null;
	}

	public synchronized boolean isRunning() {
		return this.process != null && this.process.isAlive();
	}

	/** The listening port: a free one is picked on first use and kept across restarts. */
	public synchronized int port() {
		if (this.port == 0) {
			this.port = freePort();
		}
		return this.port;
	}

	/** The server URI, {@code tcp://127.0.0.1:<port>}. */
	public String uri() {
		return "tcp://" + HOST + ":" + port();
	}

	/** The temporary directory holding config, log, password file and data. */
	public synchronized Path directory() {
		if (this.directory == null) {
			try {
				this.directory = Files.createTempDirectory("mosquitto-test-");
				live.add(this);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot create a broker directory", ex);
			}
		}
		return this.directory;
	}

	public Path configFile() {
		return directory().resolve("mosquitto.conf");
	}

	/** The broker log ({@code log_dest file}) and console output, appended to across restarts. */
	public Path logFile() {
		return directory().resolve("mosquitto.log");
	}

	/** The last 40 lines of the broker log, for assertion messages. */
	public synchronized String logTail() {
		return (this.directory != null) ? "--- mosquitto.log ---\n" + tail(logFile(), 40) : "(no broker directory)";
	}

	@Override
	public synchronized void beforeAll(ExtensionContext context) {
		this.classScopes++;
		// without Mosquitto each test is skipped on its own (beforeEach), so that each is counted
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

	private void writeConfig() {
		Path dir = directory();
		List<String> lines = new ArrayList<>(List.of("user root", "listener " + port() + " " + HOST,
				"log_dest file " + logFile(), "log_timestamp_format %H:%M:%S", "log_type error", "log_type warning",
				"log_type notice", "log_type information", "persistence " + this.persistence));
		if (this.persistence) {
			lines.add("persistence_location " + dir + File.separator);
			lines.add("autosave_interval 1");
		}
		lines.add("allow_anonymous " + this.users.isEmpty());
		try {
			if (!this.users.isEmpty()) {
				lines.add("password_file " + writePasswordFile(dir));
			}
			if (!this.acl.isEmpty()) {
				Path aclFile = dir.resolve("acl");
				Files.write(aclFile, this.acl, StandardCharsets.UTF_8);
				lines.add("acl_file " + aclFile);
			}
			if (!this.tlsConfig.isEmpty()) {
				// without per_listener_settings, authentication and ACLs apply to this listener too
				lines.add("listener " + tlsPort() + " " + HOST);
				lines.addAll(this.tlsConfig);
			}
			lines.addAll(this.extraConfig);
			Files.write(configFile(), lines, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the Mosquitto config", ex);
		}
	}

	private Path writePasswordFile(Path dir) throws IOException {
		Path tool = findExecutable("mosquitto_passwd");
		Path file = dir.resolve("passwords");
		Files.deleteIfExists(file);
		for (Map.Entry<String, String> user : this.users.entrySet()) {
			List<String> command = new ArrayList<>(List.of((tool != null) ? tool.toString() : "mosquitto_passwd", "-b"));
			command.addAll(Files.exists(file) ? List.of() : List.of("-c"));
			command.addAll(List.of(file.toString(), user.getKey(), user.getValue()));
			Path output = dir.resolve("passwd.log");
			Process passwd = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
			boolean exited = await(passwd, Duration.ofSeconds(10));
			passwd.destroyForcibly();
			if (!exited || passwd.exitValue() != 0) {
				throw new IllegalStateException("mosquitto_passwd failed: " + tail(output, 5));
			}
		}
		return file;
	}

	private void launch(Path binary) {
		try {
			this.process = new ProcessBuilder(binary.toString(), "-c", configFile().toString())
				.directory(directory().toFile())
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot launch " + binary, ex);
		}
	}

	/** {@code null} once ready, else why not: the process exited or the deadline passed. */
	private String awaitReady(long logOffset, long deadline) {
		while (System.nanoTime() - deadline < 0) {
			if (!this.process.isAlive()) {
				return "exit code " + this.process.exitValue() + ": " + readFrom(logFile(), logOffset).strip();
			}
			if (readFrom(logFile(), logOffset).contains(" running") && acceptsTcp()) {
				return null;
			}
			await(this.process, Duration.ofMillis(20));
		}
		return "not ready within " + START_TIMEOUT;
	}

	private boolean acceptsTcp() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(HOST, this.port), 1000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/** Shutdown hook: takes no lock, as a stuck test thread may hold it while the JVM exits. */
	private void destroyOnExit() {
		Process current = this.process;
		if (current == null || await(current.destroyForcibly(), Duration.ofSeconds(2))) {
			deleteRecursively(this.directory);
		}
	}

	private static boolean await(Process process, Duration timeout) {
		try {
			return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return !process.isAlive();
		}
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No free loopback port", ex);
		}
	}

	static Path findExecutable(String name) {
		String path = System.getenv("PATH");
		Stream<String> onPath = Arrays.stream((path != null) ? path.split(File.pathSeparator) : new String[0]);
		return Stream.concat(onPath.filter((dir) -> !dir.isEmpty()), FALLBACK_DIRS.stream())
			.map((dir) -> Paths.get(dir, name))
			.filter((file) -> Files.isRegularFile(file) && Files.isExecutable(file))
			.findFirst()
			.orElse(null);
	}

	private static String readFrom(Path file, long offset) {
		try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
			in.seek(Math.max(0, Math.max(offset, in.length() - (1 << 20))));
			byte[] bytes = new byte[(int) Math.max(0, in.length() - in.getFilePointer())];
			in.readFully(bytes);
			return new String(bytes, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return "";
		}
	}

	private static String tail(Path file, int lines) {
		List<String> all = readFrom(file, file.toFile().length() - 64 * 1024).lines().toList();
		return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size())) + "\n";
	}

	private static void deleteRecursively(Path root) {
		try (Stream<Path> paths = (root != null) ? Files.walk(root) : Stream.empty()) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// best effort: a leftover temporary directory must not fail a test
		}
	}

}
