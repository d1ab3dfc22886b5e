package io.github.mqttboot.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Publishes a simulated sensor reading every second and logs what comes back through a
 * subscription. Runs on the embedded broker unless {@code --mqtt.server-uris=...} names one.
 *
 * @author mqtt-spring-boot-starter
 */
@SpringBootApplication
@EnableScheduling
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
