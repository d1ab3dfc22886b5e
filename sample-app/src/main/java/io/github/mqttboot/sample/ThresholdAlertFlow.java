package io.github.mqttboot.sample;

import org.eclipse.paho.mqttv5.client.IMqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.mqtt.core.ClientManager;
import org.springframework.integration.mqtt.inbound.Mqttv5PahoMessageDrivenChannelAdapter;
import org.springframework.integration.mqtt.outbound.Mqttv5PahoMessageHandler;
import org.springframework.integration.mqtt.support.MqttHeaders;

/**
 * A Spring Integration flow on the starter's connection: readings over a threshold become alerts
 * on {@code alerts/threshold}. The adapters take the auto-configured {@link ClientManager}, so
 * they share the supervised client (its reconnects, threads and meters) instead of opening a
 * second connection.
 *
 * @author mqtt-spring-boot-starter
 */
@Configuration(proxyBeanMethods = false)
@EnableIntegration
class ThresholdAlertFlow {

	@Bean
	IntegrationFlow thresholdAlerts(ClientManager<IMqttAsyncClient, MqttConnectionOptions> clientManager,
			JsonMapper jsonMapper, @Value("${sample.alert-threshold:32}") double threshold) {
		Mqttv5PahoMessageHandler alerts = new Mqttv5PahoMessageHandler(clientManager);
		alerts.setDefaultQos(1);
		return IntegrationFlow.from(new Mqttv5PahoMessageDrivenChannelAdapter(clientManager, "sensors/+/temperature"))
			.transform(byte[].class, (json) -> jsonMapper.readValue(json, SensorReading.class))
			.filter(SensorReading.class, (reading) -> reading.temperature() > threshold)
			.transform(SensorReading.class,
					(reading) -> reading.sensor() + " read " + reading.temperature() + " C, over " + threshold + " C")
			.enrichHeaders((headers) -> headers.header(MqttHeaders.TOPIC, "alerts/threshold"))
			.handle(alerts)
			.get();
	}

}
