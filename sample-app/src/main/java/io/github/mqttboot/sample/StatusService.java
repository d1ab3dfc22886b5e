package io.github.mqttboot.sample;

import java.time.Instant;

import io.github.mqttboot.annotation.MqttListener;

import org.springframework.stereotype.Component;

/**
 * Answers MQTT 5 requests on {@code sample/status}: a listener without {@code @SendTo} replies to
 * the request's response topic, and {@link StatusRequester} asks with {@code MqttTemplate.request}.
 */
@Component
class StatusService {

	@MqttListener(id = "status", topics = "sample/status")
	Status status(String question) {
		return new Status("sample-app", "up", Instant.now());
	}

	record Status(String app, String state, Instant time) {
	}

}
