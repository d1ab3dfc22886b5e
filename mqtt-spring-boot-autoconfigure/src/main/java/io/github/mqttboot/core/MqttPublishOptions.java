package io.github.mqttboot.core;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.util.Assert;

/**
 * How {@link MqttTemplate} publishes one message: QoS, retain flag and the MQTT 5 properties.
 * Built with {@link #builder()}; what is not set takes the template's defaults. With MQTT 3.1.1,
 * which cannot carry the MQTT 5 properties, a publish that sets any fails with
 * {@link UnsupportedOperationException} instead of dropping them.
 *
 * <pre class="code">
 * template.publish("sensors/1", reading, MqttPublishOptions.builder()
 * 	.qos(1)
 * 	.messageExpiry(Duration.ofMinutes(5))
 * 	.userProperty("site", "berlin")
 * 	.build());
 * </pre>
 *
 * @author mqtt-spring-boot-starter
 * @since 0.1.0
 */
public final class MqttPublishOptions {

	/** Nothing set: the template's defaults. */
	public static final MqttPublishOptions DEFAULTS = builder().build();

	private final Integer qos;

	private final boolean retained;

	private final Duration messageExpiry;

	private final Map<String, String> userProperties;

	private final String contentType;

	private final Boolean payloadFormatUtf8;

	private final String responseTopic;

	private final byte[] correlationData;

	private MqttPublishOptions(Builder builder) {
		this.qos = builder.qos;
		this.retained = builder.retained;
		this.messageExpiry = builder.messageExpiry;
		this.userProperties = Map.copyOf(builder.userProperties);
		this.contentType = builder.contentType;
		this.payloadFormatUtf8 = builder.payloadFormatUtf8;
		this.responseTopic = builder.responseTopic;
		this.correlationData = builder.correlationData;
	}

	/**
	 * Starts building options.
	 * @return a builder with nothing set
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Returns the QoS, or {@code null} for {@code mqtt.publish.default-qos}.
	 * @return the QoS, or {@code null} for {@code mqtt.publish.default-qos}
	 */
	public Integer getQos() {
		return this.qos;
	}

	/**
	 * Returns whether the broker retains the message.
	 * @return {@code true} if the broker retains the message
	 */
	public boolean isRetained() {
		return this.retained;
	}

	/**
	 * Returns the message expiry interval, or {@code null} for none.
	 * @return the message expiry interval, or {@code null} for none
	 */
	public Duration getMessageExpiry() {
		return this.messageExpiry;
	}

	/**
	 * Returns the user properties, in the order they were added.
	 * @return the user properties, in the order they were added
	 */
	public Map<String, String> getUserProperties() {
		return this.userProperties;
	}

	/**
	 * Returns the content type, or {@code null} for the converter's ({@code application/json} for JSON).
	 * @return the content type, or {@code null} for the converter's ({@code application/json} for JSON)
	 */
	public String getContentType() {
		return this.contentType;
	}

	/**
	 * Returns whether the payload is UTF-8 text, or {@code null} to send no payload format indicator.
	 * @return {@code true} if the payload is UTF-8 text, or {@code null} to send no payload format indicator
	 */
	public Boolean getPayloadFormatUtf8() {
		return this.payloadFormatUtf8;
	}

	/**
	 * Returns the response topic of a request, or {@code null}.
	 * @return the response topic of a request, or {@code null}
	 */
	public String getResponseTopic() {
		return this.responseTopic;
	}

	/**
	 * Returns the correlation data of a request, or {@code null}.
	 * @return the correlation data of a request, or {@code null}
	 */
	public byte[] getCorrelationData() {
		return this.correlationData;
	}

	/**
	 * Returns whether any property is set that only MQTT 5 can carry.
	 * @return {@code true} if any property is set that only MQTT 5 can carry
	 */
	public boolean hasMqtt5Properties() {
		return this.messageExpiry != null || !this.userProperties.isEmpty() || this.contentType != null
				|| this.payloadFormatUtf8 != null || this.responseTopic != null || this.correlationData != null;
	}

	/**
	 * Builds {@link MqttPublishOptions}.
	 */
	public static final class Builder {

		private Integer qos;

		private boolean retained;

		private Duration messageExpiry;

		private final Map<String, String> userProperties = new LinkedHashMap<>();

		private String contentType;

		private Boolean payloadFormatUtf8;

		private String responseTopic;

		private byte[] correlationData;

		private Builder() {
		}

		/**
		 * Sets the QoS.
		 * @param qos 0, 1 or 2
		 * @return this builder
		 */
		public Builder qos(int qos) {
			Assert.isTrue(qos >= 0 && qos <= 2, "QoS must be 0, 1 or 2");
			this.qos = qos;
			return this;
		}

		/**
		 * Sets whether the broker retains the message.
		 * @param retained {@code true} to retain
		 * @return this builder
		 */
		public Builder retained(boolean retained) {
			this.retained = retained;
			return this;
		}

		/**
		 * Sets how long the broker keeps the message for subscribers that have not received it.
		 * @param messageExpiry the expiry, in whole seconds (a fraction is dropped), at least 1 s
		 * @return this builder
		 */
		public Builder messageExpiry(Duration messageExpiry) {
			// MQTT counts it in seconds, and an interval of 0 is taken by brokers for none at all
			Assert.isTrue(messageExpiry == null || messageExpiry.getSeconds() >= 1,
					() -> "Message expiry must be at least 1 s (MQTT counts it in whole seconds), not " + messageExpiry);
			this.messageExpiry = messageExpiry;
			return this;
		}

		/**
		 * Adds a user property.
		 * @param name the name
		 * @param value the value
		 * @return this builder
		 */
		public Builder userProperty(String name, String value) {
			Assert.hasText(name, "User property name must not be empty");
			this.userProperties.put(name, value);
			return this;
		}

		/**
		 * Adds user properties.
		 * @param userProperties the properties, in order
		 * @return this builder
		 */
		public Builder userProperties(Map<String, String> userProperties) {
			userProperties.forEach(this::userProperty);
			return this;
		}

		/**
		 * Sets the content type, instead of the converter's.
		 * @param contentType the content type
		 * @return this builder
		 */
		public Builder contentType(String contentType) {
			this.contentType = contentType;
			return this;
		}

		/**
		 * Sets the payload format indicator.
		 * @param utf8 {@code true} for UTF-8 text, {@code false} for bytes
		 * @return this builder
		 */
		public Builder payloadFormatUtf8(boolean utf8) {
			this.payloadFormatUtf8 = utf8;
			return this;
		}

		/**
		 * Sets the response topic, for a request answered by another client.
		 * @param responseTopic the topic
		 * @return this builder
		 */
		public Builder responseTopic(String responseTopic) {
			this.responseTopic = responseTopic;
			return this;
		}

		/**
		 * Sets the correlation data, for a request answered by another client.
		 * @param correlationData the data
		 * @return this builder
		 */
		public Builder correlationData(byte[] correlationData) {
			this.correlationData = correlationData;
			return this;
		}

		/**
		 * Builds the options.
		 * @return the options
		 */
		public MqttPublishOptions build() {
			return new MqttPublishOptions(this);
		}

	}

}
