package io.github.mqttboot.client;

/**
 * The broker ended an established connection with a DISCONNECT of its own (MQTT 5), carrying a
 * reason code that says why: the cause of the connection's loss. Drivers report it through
 * {@code DriverListener#connectionLost}; a broker that just closes the socket (any MQTT 3.1.1
 * broker, and Mosquitto 2.0 also with MQTT 5) leaves the library's own exception instead.
 *
 * @author mqtt-spring-boot-starter
 * @since 0.1.0
 */
public class MqttDisconnectedException extends RuntimeException {

	/** Reason code 0x8E: another connection with the same client id took the session over. */
	public static final int SESSION_TAKEN_OVER = 0x8E;

	private final int reasonCode;

	/**
	 * Creates the exception.
	 * @param reasonCode the DISCONNECT reason code
	 * @param reasonString the broker's reason string, or {@code null}
	 * @param cause what the library reported, or {@code null}
	 */
	public MqttDisconnectedException(int reasonCode, String reasonString, Throwable cause) {
		super("The broker ended the connection with reason code 0x" + Integer.toHexString(reasonCode) + " ("
				+ phrase(reasonCode) + ")" + ((reasonString != null && !reasonString.isEmpty()) ? ": " + reasonString : ""),
				cause);
		this.reasonCode = reasonCode;
	}

	/**
	 * Returns the DISCONNECT reason code.
	 * @return the DISCONNECT reason code
	 */
	public int getReasonCode() {
		return this.reasonCode;
	}

	/**
	 * Returns whether another connection with the same client id took the session over (0x8E).
	 * @return {@code true} if another connection with the same client id took the session over (0x8E)
	 */
	public boolean isSessionTakenOver() {
		return this.reasonCode == SESSION_TAKEN_OVER;
	}

	private static String phrase(int reasonCode) {
		return switch (reasonCode) {
			case 0x00 -> "normal disconnection";
			case 0x80 -> "unspecified error";
			case 0x81 -> "malformed packet";
			case 0x82 -> "protocol error";
			case 0x83 -> "implementation specific error";
			case 0x87 -> "not authorized";
			case 0x89 -> "server busy";
			case 0x8B -> "server shutting down";
			case 0x8D -> "keep alive timeout";
			case SESSION_TAKEN_OVER -> "session taken over";
			case 0x93 -> "receive maximum exceeded";
			case 0x94 -> "topic alias invalid";
			case 0x95 -> "packet too large";
			case 0x97 -> "quota exceeded";
			case 0x98 -> "administrative action";
			case 0x9C -> "use another server";
			case 0x9D -> "server moved";
			default -> "see the MQTT 5 specification, 3.14.2.1";
		};
	}

}
