package io.github.mqttboot.benchmarks;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.config.EnableIntegration;

/** The context Spring Integration's MQTT components live in, as in any application that uses them. */
@Configuration(proxyBeanMethods = false)
@EnableIntegration
public class IntegrationContext {

	static AnnotationConfigApplicationContext start() {
		return new AnnotationConfigApplicationContext(IntegrationContext.class);
	}

}
