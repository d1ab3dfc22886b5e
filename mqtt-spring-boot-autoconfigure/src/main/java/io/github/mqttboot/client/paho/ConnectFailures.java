package io.github.mqttboot.client.paho;

import java.net.URI;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;

import javax.net.ssl.SSLException;

import io.github.mqttboot.client.MqttNotAuthorizedException;
import io.github.mqttboot.client.MqttTlsException;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * Turns Paho's connect failures that retrying cannot cure into typed exceptions with a message
 * that says what to check: Paho reports most of them as "Unable to connect to server".
 *
 * @author mqtt-spring-boot-starter
 */
final class ConnectFailures {

	private static final int BAD_USER_NAME_OR_PASSWORD = 0x86;

	private static final int NOT_AUTHORIZED = 0x87;

	private ConnectFailures() {
	}

	static Throwable classify(URI serverUri, Throwable failure) {
		if (failure instanceof MqttException mqtt && (mqtt.getReasonCode() == BAD_USER_NAME_OR_PASSWORD
				|| mqtt.getReasonCode() == NOT_AUTHORIZED)) {
			String reason = (mqtt.getReasonCode() == NOT_AUTHORIZED) ? "Not authorized"
					: "Not authorized, bad user name or password";
			return new MqttNotAuthorizedException(reason + " (CONNACK reason code 0x"
					+ Integer.toHexString(mqtt.getReasonCode()) + "): " + serverUri
					+ " refused the credentials; check mqtt.username and mqtt.password", mqtt.getReasonCode(), failure);
		}
		SSLException tls = find(failure, SSLException.class);
		if (tls != null) {
			return new MqttTlsException("TLS connection to " + serverUri + " failed, " + tlsReason(tls, serverUri)
					+ ": " + tls.getMessage(), failure);
		}
		return failure;
	}

	private static String tlsReason(SSLException tls, URI serverUri) {
		String message = String.valueOf(tls.getMessage());
		if (find(tls, CertPathBuilderException.class) != null || message.contains("PKIX")) {
			return "the broker's certificate is not trusted (check the CA of mqtt.ssl.bundle)";
		}
		CertificateException certificate = find(tls, CertificateException.class);
		if (certificate != null && String.valueOf(certificate.getMessage()).contains("match")) {
			return "the broker's certificate does not match the host name '" + serverUri.getHost()
					+ "' (mqtt.ssl.verify-hostname)";
		}
		if (message.contains("alert") || find(tls, java.net.SocketException.class) != null) {
			return "the broker refused the handshake (check the client certificate of mqtt.ssl.bundle)";
		}
		return "the TLS handshake did not complete";
	}

	private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		return null;
	}

}
