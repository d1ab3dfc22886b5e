package io.github.mqttboot.client.driver;

import java.net.SocketException;
import java.net.URI;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;

import javax.net.ssl.SSLException;

import io.github.mqttboot.client.Failures;
import io.github.mqttboot.client.MqttNotAuthorizedException;
import io.github.mqttboot.client.MqttTlsException;

/**
 * Turns connect failures that retrying cannot cure into typed exceptions with a message that
 * says what to check, the same for every driver: the libraries report a refused handshake as a
 * generic connection failure and refused credentials as a bare code. For drivers.
 *
 * @author mqtt-spring-boot-starter
 */
public final class ConnectFailures {

	/** MQTT 5 CONNACK reason code, MQTT 3.1.1 return code 4. */
	public static final int BAD_USER_NAME_OR_PASSWORD = 0x86;

	/** MQTT 5 CONNACK reason code, MQTT 3.1.1 return code 5. */
	public static final int NOT_AUTHORIZED = 0x87;

	private static final int MQTT3_BAD_USER_NAME_OR_PASSWORD = 4;

	private static final int MQTT3_NOT_AUTHORIZED = 5;

	private ConnectFailures() {
	}

	/**
	 * Classifies a failed MQTT 5 connect.
	 * @param serverUri the server the attempt was made to
	 * @param failure what the library reported
	 * @param reasonCode the CONNACK reason code, or -1 when the broker sent none
	 * @return a {@link MqttNotAuthorizedException}, a {@link MqttTlsException}, or the failure
	 */
	public static Throwable classify(URI serverUri, Throwable failure, int reasonCode) {
		if (reasonCode == BAD_USER_NAME_OR_PASSWORD || reasonCode == NOT_AUTHORIZED) {
			return notAuthorized(serverUri, failure, reasonCode, "reason code 0x" + Integer.toHexString(reasonCode));
		}
		return tls(serverUri, failure);
	}

	/**
	 * Classifies a failed MQTT 3.1.1 connect; refused credentials carry the MQTT 5 reason code
	 * of the same meaning.
	 * @param serverUri the server the attempt was made to
	 * @param failure what the library reported
	 * @param returnCode the CONNACK return code, or -1 when the broker sent none
	 * @return a {@link MqttNotAuthorizedException}, a {@link MqttTlsException}, or the failure
	 */
	public static Throwable classifyMqtt3(URI serverUri, Throwable failure, int returnCode) {
		int reasonCode = switch (returnCode) {
			case MQTT3_BAD_USER_NAME_OR_PASSWORD -> BAD_USER_NAME_OR_PASSWORD;
			case MQTT3_NOT_AUTHORIZED -> NOT_AUTHORIZED;
			default -> -1;
		};
		if (reasonCode != -1) {
			return notAuthorized(serverUri, failure, reasonCode, "return code " + returnCode);
		}
		return tls(serverUri, failure);
	}

	private static Throwable notAuthorized(URI serverUri, Throwable failure, int reasonCode, String code) {
		String reason = (reasonCode == NOT_AUTHORIZED) ? "Not authorized" : "Not authorized, bad user name or password";
		return new MqttNotAuthorizedException(reason + " (CONNACK " + code + "): " + serverUri
				+ " refused the credentials; check mqtt.username and mqtt.password", reasonCode, failure);
	}

	private static Throwable tls(URI serverUri, Throwable failure) {
		SSLException tls = Failures.find(failure, SSLException.class);
		if (tls != null) {
			return new MqttTlsException("TLS connection to " + serverUri + " failed, " + tlsReason(tls, serverUri)
					+ ": " + tls.getMessage(), failure);
		}
		return failure;
	}

	private static String tlsReason(SSLException tls, URI serverUri) {
		String message = String.valueOf(tls.getMessage());
		if (Failures.find(tls, CertPathBuilderException.class) != null || message.contains("PKIX")) {
			return "the broker's certificate is not trusted (check the CA of mqtt.ssl.bundle)";
		}
		CertificateException certificate = Failures.find(tls, CertificateException.class);
		if (certificate != null && String.valueOf(certificate.getMessage()).contains("match")) {
			return "the broker's certificate does not match the host name '" + serverUri.getHost()
					+ "' (mqtt.ssl.verify-hostname)";
		}
		if (message.contains("alert") || Failures.find(tls, SocketException.class) != null) {
			return "the broker refused the handshake (check the client certificate of mqtt.ssl.bundle)";
		}
		return "the TLS handshake did not complete";
	}

}
