package io.github.mqttboot.core;

import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.Assert;

/**
 * Turns objects into MQTT payloads and back: {@code byte[]} as is, {@code String} as UTF-8,
 * anything else as JSON through Boot's JSON mapper. Done here rather than in Spring
 * Integration, whose 7.0 line mishandles MQTT 5 payloads.
 *
 * @author mqtt-spring-boot-starter
 * @since 0.1.0
 */
public class MqttPayloadConverter {

	/** The MQTT 5 content type of JSON payloads. */
	public static final String JSON_CONTENT_TYPE = "application/json";

	private final JsonMapper jsonMapper;

	/**
	 * Creates a converter.
	 * @param jsonMapper the mapper for JSON payloads, or {@code null} to support only bytes and
	 * strings
	 */
	public MqttPayloadConverter(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	/**
	 * Converts an object into a payload.
	 * @param payload the object
	 * @return the bytes and their content type
	 * @throws MqttConversionException if the object cannot be written
	 */
	public Payload toPayload(Object payload) {
		Assert.notNull(payload, "Payload must not be null");
		if (payload instanceof byte[] bytes) {
			return new Payload(bytes, null);
		}
		if (payload instanceof String text) {
			return new Payload(text.getBytes(StandardCharsets.UTF_8), null);
		}
		try {
			return new Payload(requireMapper(payload.getClass()).writeValueAsBytes(payload), JSON_CONTENT_TYPE);
		}
		catch (JacksonException ex) {
			throw new MqttConversionException("Could not write " + payload.getClass().getName() + " as JSON", ex);
		}
	}

	/**
	 * Converts a payload into the given type.
	 * @param bytes the payload
	 * @param targetType {@code byte[]}, {@code String} or any JSON-mappable type
	 * @return the object
	 * @throws MqttConversionException if the payload does not fit the type (including invalid
	 * UTF-8 for a {@code String})
	 */
	public Object fromPayload(byte[] bytes, Type targetType) {
		if (targetType == byte[].class || targetType == Object.class) {
			return bytes;
		}
		if (targetType == String.class) {
			return decodeUtf8(bytes);
		}
		JsonMapper mapper = requireMapper(targetType);
		try {
			return mapper.readValue(bytes, mapper.constructType(targetType));
		}
		catch (JacksonException ex) {
			throw new MqttConversionException("Payload is not JSON of type " + targetType.getTypeName() + ": "
					+ ex.getOriginalMessage(), ex);
		}
	}

	private static String decodeUtf8(byte[] bytes) {
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw new MqttConversionException("Payload is not valid UTF-8", ex);
		}
	}

	private JsonMapper requireMapper(Type type) {
		if (this.jsonMapper == null) {
			throw new MqttConversionException("No JSON mapper to convert " + type.getTypeName()
					+ "; add spring-boot-jackson or use byte[] or String payloads", null);
		}
		return this.jsonMapper;
	}

	/**
	 * A converted payload.
	 *
	 * @param bytes the bytes
	 * @param contentType the MQTT 5 content type, or {@code null}
	 */
	public record Payload(byte[] bytes, String contentType) {
	}

}
