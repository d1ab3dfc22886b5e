package io.github.mqttboot.client.driver.hivemq;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientBuilder;
import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.MqttClientSslConfigBuilder;
import com.hivemq.client.mqtt.MqttClientTransportConfig;
import com.hivemq.client.mqtt.MqttClientTransportConfigBuilder;
import com.hivemq.client.mqtt.MqttWebSocketConfig;
import com.hivemq.client.mqtt.lifecycle.MqttClientDisconnectedContext;
import com.hivemq.client.mqtt.lifecycle.MqttDisconnectSource;
import io.github.mqttboot.client.Failures;
import io.github.mqttboot.client.MqttClientSettings;
import io.github.mqttboot.client.OutboundMessage;
import io.github.mqttboot.client.driver.ConnectFailures;
import io.github.mqttboot.client.driver.ConnectRequest;
import io.github.mqttboot.client.driver.ConnectionInfo;
import io.github.mqttboot.client.driver.DriverConnection;
import io.github.mqttboot.client.driver.DriverListener;
import io.github.mqttboot.client.driver.SubscriptionRequest;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.reactivex.schedulers.Schedulers;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ssl.SslBundle;

/**
 * One HiveMQ client connection and the two owned threads it runs on: a Netty event loop of its
 * own (handed to HiveMQ as its Netty executor, so HiveMQ never creates or shares one) and a
 * callback thread for HiveMQ's application scheduler and the inbound messages, in order.
 * {@link #close()} shuts both down; shutting the event loop down closes its channel, which is
 * also the only way to end a connect that HiveMQ is still waiting on.
 * <p>
 * Threads no connection owns, started once per JVM by the libraries underneath and never per
 * connection: RxJava's {@code RxSchedulerPurge-1} and {@code RxCachedWorkerPoolEvictor-1} (when
 * HiveMQ first loads RxJava's schedulers; daemons that idle), and Netty's
 * {@code globalEventExecutor-*} (it completes an event loop's termination and ends after a second
 * idle). None carries a connection's work, and none contains "mqtt" in its name.
 *
 * @author mqtt-spring-boot-starter
 */
final class HiveMqConnection implements DriverConnection {

	private static final Log logger = LogFactory.getLog(HiveMqConnection.class);

	static final String THREAD_ROLE = "hivemq";

	/** One Netty event loop and one callback thread per connection. */
	static final int THREADS = 2;

	private static final long RELEASE_WAIT_MILLIS = 2000;

	private final ConnectRequest request;

	private final DriverListener listener;

	private final CompletableFuture<ConnectionInfo> connected = new CompletableFuture<>();

	private final AtomicBoolean closed = new AtomicBoolean();

	private final EventLoopGroup eventLoop;

	private final ThreadPoolExecutor callbacks;

	private volatile HiveMqProtocol protocol;

	private volatile InboundRelay<?> relay;

	/** Guards {@link #established} and {@link #lostBeforeEstablished}: each changes on its own thread. */
	private final Object lifecycle = new Object();

	private boolean established;

	/** A loss that came after the CONNACK, before the connect completed on the callback thread. */
	private Throwable lostBeforeEstablished;

	private final Consumer<MqttClientBuilder> customizer;

	private HiveMqConnection(ConnectRequest request, DriverListener listener, Consumer<MqttClientBuilder> customizer) {
		this.request = request;
		this.listener = listener;
		this.customizer = customizer;
		ThreadFactory threads = request.threads().factory(THREAD_ROLE);
		this.eventLoop = new MultiThreadIoEventLoopGroup(1, threads, ioHandlerFactory());
		// after close, whatever HiveMQ still schedules is dropped rather than failing loudly
		this.callbacks = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), threads,
				new ThreadPoolExecutor.DiscardPolicy());
	}

	/**
	 * HiveMQ opens epoll channels when Netty's native epoll is on the classpath and available,
	 * NIO channels otherwise: the event loop it is given must match.
	 */
	private static IoHandlerFactory ioHandlerFactory() {
		ClassLoader classLoader = HiveMqConnection.class.getClassLoader();
		try {
			Class<?> epoll = Class.forName("io.netty.channel.epoll.Epoll", false, classLoader);
			if (Boolean.TRUE.equals(epoll.getMethod("isAvailable").invoke(null))) {
				return (IoHandlerFactory) Class.forName("io.netty.channel.epoll.EpollIoHandler", true, classLoader)
					.getMethod("newFactory")
					.invoke(null);
			}
		}
		catch (ReflectiveOperationException | LinkageError ex) {
			// no native epoll: NIO, as HiveMQ decides too
		}
		return NioIoHandler.newFactory();
	}

	static HiveMqConnection open(ConnectRequest request, DriverListener listener,
			Consumer<MqttClientBuilder> customizer) {
		HiveMqConnection connection = new HiveMqConnection(request, listener, customizer);
		connection.start();
		return connection;
	}

	private void start() {
		MqttClientSettings settings = this.request.settings();
		try {
			MqttClientBuilder builder = MqttClient.builder()
				.identifier(settings.getClientId())
				.transportConfig(transport(this.request.serverUri(), settings));
			this.customizer.accept(builder);
			// set after the customizers: the starter owns the threads and reconnection
			builder.executorConfig()
				.nettyExecutor(this.eventLoop)
				.applicationScheduler(Schedulers.from(this.callbacks))
				.applyExecutorConfig()
				.automaticReconnect(null)
				.addDisconnectedListener(this::disconnected);
			HiveMqProtocol created = HiveMqProtocol.create(builder, settings);
			this.relay = created.inbound(this.listener, this.callbacks, settings.isManualAcks());
			this.protocol = created;
			created.connect(this.request.serverUri(), settings, this.request.credentials()).whenComplete((info, failure) -> {
				if (failure != null) {
					// a refused handshake arrives as a closed or failed connection
					this.connected
						.completeExceptionally(ConnectFailures.classify(this.request.serverUri(), Failures.unwrap(failure), -1));
				}
				else {
					established(info);
				}
			});
		}
		catch (RuntimeException ex) {
			this.connected.completeExceptionally(ex);
		}
	}

	private static MqttClientTransportConfig transport(URI uri, MqttClientSettings settings) {
		String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
		boolean secure = "ssl".equals(scheme) || "wss".equals(scheme);
		boolean webSocket = "ws".equals(scheme) || "wss".equals(scheme);
		int defaultPort = switch (scheme) {
			case "ssl" -> 8883;
			case "ws" -> 80;
			case "wss" -> 443;
			default -> 1883;
		};
		long timeout = settings.getConnectionTimeout().toMillis();
		MqttClientTransportConfigBuilder transport = MqttClientTransportConfig.builder()
			.serverHost(uri.getHost())
			.serverPort((uri.getPort() > 0) ? uri.getPort() : defaultPort)
			.socketConnectTimeout(timeout, TimeUnit.MILLISECONDS)
			// our own deadline ends an attempt first; HiveMQ's is a backstop
			.mqttConnectTimeout(timeout + RELEASE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
		if (secure) {
			MqttClientSslConfigBuilder ssl = MqttClientSslConfig.builder();
			SslBundle bundle = settings.getSslBundle();
			if (bundle != null) {
				ssl.keyManagerFactory(bundle.getManagers().getKeyManagerFactory())
					.trustManagerFactory(bundle.getManagers().getTrustManagerFactory());
			}
			if (!settings.isVerifyHostname()) {
				// HiveMQ checks the host name unless given a verifier of its own
				ssl.hostnameVerifier((host, session) -> true);
			}
			transport.sslConfig(ssl.build());
		}
		if (webSocket) {
			String path = (uri.getPath() != null) ? uri.getPath().replaceFirst("^/", "") : "";
			transport.webSocketConfig(MqttWebSocketConfig.builder().serverPath(path).build());
		}
		return transport.build();
	}

	/** Runs on the callback thread, which may come after the event loop saw the connection end. */
	private void established(ConnectionInfo info) {
		Throwable lost;
		synchronized (this.lifecycle) {
			lost = this.lostBeforeEstablished;
			this.established = (lost == null);
		}
		this.connected.complete(info);
		if (lost != null && !this.closed.get()) {
			// reported after the CONNACK it followed, as a loss of that connection
			this.listener.connectionLost(lost);
		}
	}

	private void disconnected(MqttClientDisconnectedContext context) {
		if (this.closed.get()) {
			// a close we asked for is not a loss
			return;
		}
		Throwable cause = context.getCause();
		Throwable reported = (context.getSource() == MqttDisconnectSource.SERVER)
				? this.protocol.disconnectedByServer(cause) : cause;
		synchronized (this.lifecycle) {
			if (!this.established) {
				// a failed attempt is reported by connected(); one lost after its CONNACK, once
				// connected() reported that
				if (this.lostBeforeEstablished == null) {
					this.lostBeforeEstablished = reported;
				}
				return;
			}
			this.established = false;
		}
		this.listener.connectionLost(reported);
	}

	@Override
	public CompletableFuture<ConnectionInfo> connected() {
		return this.connected;
	}

	@Override
	public CompletableFuture<Integer> publish(OutboundMessage message) {
		return call(() -> this.protocol.publish(message), true);
	}

	@Override
	public CompletableFuture<int[]> subscribe(List<SubscriptionRequest> subscriptions) {
		return call(() -> this.protocol.subscribe(subscriptions), false);
	}

	@Override
	public CompletableFuture<Void> unsubscribe(List<String> filters) {
		return call(() -> this.protocol.unsubscribe(filters), false);
	}

	/**
	 * Makes a call whose failures all arrive through the future: HiveMQ validates messages
	 * (topic, QoS, sizes) as it builds them and throws.
	 */
	private <T> CompletableFuture<T> call(Supplier<CompletableFuture<T>> call, boolean refusable) {
		CompletableFuture<T> sent;
		try {
			sent = call.get();
		}
		catch (RuntimeException ex) {
			return CompletableFuture
				.failedFuture(refusable ? new RefusedException("Invalid message: " + ex.getMessage(), ex) : ex);
		}
		return sent.exceptionallyCompose((failure) -> CompletableFuture.failedFuture(Failures.unwrap(failure)));
	}

	@Override
	public void disconnect(Duration timeout) {
		HiveMqProtocol current = this.protocol;
		try {
			if (!this.closed.get() && current != null && current.isConnected()) {
				current.disconnect().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			}
		}
		catch (ExecutionException | TimeoutException | RuntimeException ex) {
			logger.debug("DISCONNECT did not complete cleanly: " + ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			close();
		}
	}

	@Override
	public void close() {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		this.connected.completeExceptionally(new IllegalStateException("Connection closed"));
		// closes the channel at once, also one whose CONNACK HiveMQ still waits for
		this.eventLoop.shutdownGracefully(0, RELEASE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
		try {
			if (!this.eventLoop.terminationFuture().await(2 * RELEASE_WAIT_MILLIS)) {
				logger.warn("HiveMQ's event loop for " + this.request.serverUri() + " did not end within "
						+ 2 * RELEASE_WAIT_MILLIS + " ms");
			}
			this.callbacks.shutdown();
			if (!this.callbacks.awaitTermination(RELEASE_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
				this.callbacks.shutdownNow();
				this.callbacks.awaitTermination(RELEASE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
			}
		}
		catch (InterruptedException ex) {
			// a stop out of time interrupts: the callback thread must end all the same
			this.callbacks.shutdownNow();
			Thread.currentThread().interrupt();
		}
		InboundRelay<?> current = this.relay;
		if (current != null) {
			// what the callback thread did not deliver is lost with the connection: counted
			current.discardQueued();
		}
	}

}
