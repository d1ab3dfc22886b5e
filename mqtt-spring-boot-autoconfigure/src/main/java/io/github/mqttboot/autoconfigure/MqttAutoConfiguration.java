package io.github.mqttboot.autoconfigure;

import io.github.mqttboot.client.ManagedMqttClient;
import io.github.mqttboot.client.MqttClientSettings;
import io.github.mqttboot.client.MqttCredentialsProvider;
import io.github.mqttboot.client.driver.MqttDriver;
import io.github.mqttboot.core.MqttPayloadConverter;
import io.github.mqttboot.core.MqttTemplate;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

/**
 * Auto-configuration of a supervised MQTT client, its template and its payload conversion, and
 * of one more client and template per name under {@code mqtt.clients}.
 *
 * @author mqtt-spring-boot-starter
 */
@AutoConfiguration(afterName = { "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
		"org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration" })
@ConditionalOnClass({ ManagedMqttClient.class, JsonMapper.class })
@ConditionalOnBooleanProperty(name = "mqtt.enabled", matchIfMissing = true)
@EnableConfigurationProperties(MqttProperties.class)
@Import(NamedMqttClientsRegistrar.class)
public final class MqttAutoConfiguration {

	/** The name of the client bean, part of thread names and meter tags. */
	public static final String CLIENT_BEAN_NAME = "mqttClient";

	@Bean
	@ConditionalOnMissingBean(MqttConnectionDetails.class)
	PropertiesMqttConnectionDetails mqttConnectionDetails(MqttProperties properties,
			ObjectProvider<SslBundles> sslBundles) {
		return new PropertiesMqttConnectionDetails(properties, sslBundles.getIfAvailable());
	}

	@Bean
	@ConditionalOnMissingBean
	MqttDriver mqttDriver(MqttProperties properties, ObjectProvider<PahoV5ConnectionOptionsCustomizer> customizers,
			ObjectProvider<PahoV3ConnectOptionsCustomizer> v3Customizers,
			ObjectProvider<HiveMqClientBuilderCustomizer> hiveMqCustomizers, ResourceLoader resourceLoader) {
		// mqtt.driver and mqtt.protocol-version choose; a missing library fails with its coordinates
		return MqttDrivers.create(properties, CLIENT_BEAN_NAME, customizers, v3Customizers, hiveMqCustomizers,
				resourceLoader.getClassLoader());
	}

	@Bean
	@ConditionalOnMissingBean
	MqttCredentialsProvider mqttCredentialsProvider(MqttConnectionDetails connectionDetails) {
		return new ConnectionDetailsCredentialsProvider(connectionDetails);
	}

	// primary: the one injected where a single client is asked for, also beside named clients
	@Bean(name = CLIENT_BEAN_NAME)
	@Primary
	@ConditionalOnMissingBean
	ManagedMqttClient mqttClient(MqttProperties properties, MqttConnectionDetails connectionDetails,
			MqttCredentialsProvider credentialsProvider, ObjectProvider<SslBundles> sslBundles, MqttDriver driver,
			Environment environment, ListableBeanFactory beanFactory) {
		UnknownMqttProperties.check(environment, properties.isFailOnUnknownProperties(), getClass().getClassLoader());
		MqttClientSettings settings = MqttClientSettingsMapper.map(properties, connectionDetails, environment);
		settings.setCredentialsProvider(credentialsProvider);
		settings.setPublishInterceptor(
				MqttObservationSupport.publishObservation(CLIENT_BEAN_NAME, properties, beanFactory));
		if (connectionDetails instanceof PropertiesMqttConnectionDetails) {
			SslBundleReloads.log(sslBundles.getIfAvailable(), properties.getSsl().getBundle(), CLIENT_BEAN_NAME);
		}
		return new ManagedMqttClient(CLIENT_BEAN_NAME, settings, driver);
	}

	@Bean
	@ConditionalOnMissingBean
	MqttPayloadConverter mqttPayloadConverter(ObjectProvider<JsonMapper> jsonMapper) {
		return new MqttPayloadConverter(jsonMapper.getIfAvailable(JsonMapper::new));
	}

	@Bean
	@Primary
	@ConditionalOnMissingBean
	MqttTemplate mqttTemplate(ManagedMqttClient client, MqttPayloadConverter converter, MqttProperties properties) {
		return new MqttTemplate(client, converter, properties.getPublish().getDefaultQos());
	}

}
