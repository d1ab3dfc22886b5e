package io.github.mqttboot.listener;

/**
 * Header names of inbound messages, the same as Spring Integration's {@code MqttHeaders} so that
 * code moves between the two unchanged.
 *
 * @author mqtt-spring-boot-starter
 * @since 0.1.0
 */
public final class MqttHeaderNames {

	/** Topic the message arrived on. */
	public static final String RECEIVED_TOPIC = "mqtt_receivedTopic";

	/** QoS the message arrived with. */
	public static final String RECEIVED_QOS = "mqtt_receivedQos";

	/** Whether the message is a retained one. */
	public static final String RECEIVED_RETAINED = "mqtt_receivedRetained";

	/** Whether the broker may have sent the message before. */
	public static final String DUPLICATE = "mqtt_duplicate";

	/** Packet identifier of the message. */
	public static final String ID = "mqtt_id";

	/** MQTT 5 response topic of a request. */
	public static final String RESPONSE_TOPIC = "mqtt_responseTopic";

	/** MQTT 5 correlation data of a request. */
	public static final String CORRELATION_DATA = "mqtt_correlationData";

	/** MQTT 5 user properties as a map; each is also a header of its own name. */
	public static final String USER_PROPERTIES = "mqtt_userProperties";

	/** The {@code {var}} values of the listener's topic template, as a map. */
	public static final String TOPIC_VARIABLES = "mqtt_topicVariables";

	/** User property that carries the error of a dead-lettered message. */
	public static final String ERROR = "mqtt_error";

	/** User property that carries the original topic of a dead-lettered message. */
	public static final String ORIGINAL_TOPIC = "mqtt_originalTopic";

	/** User property of a dead letter: how many times the listener tried the message. */
	public static final String ATTEMPTS = "mqtt_attempts";

	private MqttHeaderNames() {
	}

}
