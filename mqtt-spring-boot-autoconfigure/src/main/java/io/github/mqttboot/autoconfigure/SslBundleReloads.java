package io.github.mqttboot.autoconfigure;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ssl.SslBundles;
import org.springframework.util.StringUtils;

/**
 * Tells when the SSL bundle of {@code mqtt.ssl.bundle} was reloaded: the client looks it up at
 * every connection attempt, so the new certificates apply from its next connection on, while
 * the current connection keeps the TLS session it has.
 *
 * @author mqtt-spring-boot-starter
 */
final class SslBundleReloads {

	private static final Log logger = LogFactory.getLog(SslBundleReloads.class);

	private SslBundleReloads() {
	}

	static void log(SslBundles sslBundles, String bundleName, String clientName) {
		if (sslBundles == null || !StringUtils.hasText(bundleName)) {
			return;
		}
		sslBundles.addBundleUpdateHandler(bundleName,
				(bundle) -> logger.info("SSL bundle '" + bundleName + "' was reloaded: MQTT client '" + clientName
						+ "' uses it from its next connection on"));
	}

}
