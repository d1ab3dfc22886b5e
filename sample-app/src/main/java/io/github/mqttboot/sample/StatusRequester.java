package io.github.mqttboot.sample;

import java.time.Duration;

import io.github.mqttboot.core.MqttTemplate;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Asks for the status every 30 seconds through request/response.
 */
@Component
class StatusRequester {

	private static final Log logger = LogFactory.getLog(StatusRequester.class);

	private final MqttTemplate mqtt;

	StatusRequester(MqttTemplate mqtt) {
		this.mqtt = mqtt;
	}

	@Scheduled(initialDelayString = "5s", fixedRateString = "30s")
	void askStatus() {
		this.mqtt.request("sample/status", "how are you?", String.class, Duration.ofSeconds(5))
			.whenComplete((status, failure) -> logger.info((failure != null)
					? "No status reply: " + failure.getMessage() : "Status reply: " + status));
	}

}
