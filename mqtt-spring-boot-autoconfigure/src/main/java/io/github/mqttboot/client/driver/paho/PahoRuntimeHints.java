package io.github.mqttboot.client.driver.paho;

import java.util.List;
import java.util.logging.LogManager;

import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.util.ClassUtils;

/**
 * Native-image hints for what Paho loads by name and what the starter reaches inside Paho:
 * the network modules Paho finds with a {@code ServiceLoader}, its logger and message catalog
 * created with {@code Class.forName}, their resource bundles, and the fields and method
 * {@link Qos2Release} uses. Registered for Paho's MQTT 5 and 3.1.1 clients when present.
 *
 * @author mqtt-spring-boot-starter
 */
class PahoRuntimeHints implements RuntimeHintsRegistrar {

	private static final String V5 = "org.eclipse.paho.mqttv5.client";

	private static final String V3 = "org.eclipse.paho.client.mqttv3";

	@Override
	public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
		registerPaho(hints, classLoader, V5, V5 + ".spi.NetworkModuleFactory",
				List.of(V5 + ".internal.TCPNetworkModuleFactory", V5 + ".internal.SSLNetworkModuleFactory",
						V5 + ".websocket.WebSocketNetworkModuleFactory",
						V5 + ".websocket.WebSocketSecureNetworkModuleFactory"),
				List.of(V5 + ".internal.nls.logcat", V5 + ".internal.nls.messages", "org.eclipse.paho.mqttv5.common.nls.messages"));
		registerPaho(hints, classLoader, V3, V3 + ".spi.NetworkModuleFactory",
				List.of(V3 + ".internal.TCPNetworkModuleFactory", V3 + ".internal.SSLNetworkModuleFactory",
						V3 + ".internal.websocket.WebSocketNetworkModuleFactory",
						V3 + ".internal.websocket.WebSocketSecureNetworkModuleFactory"),
				List.of(V3 + ".internal.nls.logcat", V3 + ".internal.nls.messages"));
		registerQos2Release(hints, classLoader);
	}

	private void registerPaho(RuntimeHints hints, ClassLoader classLoader, String root, String factoryService,
			List<String> factories, List<String> bundles) {
		if (!isPresent(root + ".logging.JSR47Logger", classLoader)) {
			return;
		}
		hints.resources().registerPattern("META-INF/services/" + factoryService);
		for (String factory : factories) {
			hints.reflection().registerTypeIfPresent(classLoader, factory, MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS);
		}
		// LoggerFactory and MessageCatalog instantiate these by name
		hints.reflection()
			.registerType(TypeReference.of(root + ".logging.JSR47Logger"), MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS)
			.registerType(TypeReference.of(root + ".internal.ResourceBundleCatalog"),
					MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS);
		// LoggerFactory reads java.util.logging's configuration through reflection
		hints.reflection().registerType(LogManager.class, MemberCategory.INVOKE_PUBLIC_METHODS);
		bundles.forEach(hints.resources()::registerResourceBundle);
	}

	private void registerQos2Release(RuntimeHints hints, ClassLoader classLoader) {
		if (!isPresent(V5 + ".MqttAsyncClient", classLoader)) {
			return;
		}
		hints.reflection()
			.registerType(TypeReference.of(V5 + ".MqttAsyncClient"), (type) -> type.withField("comms"))
			.registerType(TypeReference.of(V5 + ".internal.ClientComms"),
					(type) -> type.withField("clientState")
						.withMethod("deliveryComplete", List.of(TypeReference.of(int.class)),
								ExecutableMode.INVOKE))
			.registerType(TypeReference.of(V5 + ".internal.ClientState"), (type) -> type.withField("inboundQoS2"));
	}

	private static boolean isPresent(String className, ClassLoader classLoader) {
		return ClassUtils.isPresent(className, classLoader);
	}

}
