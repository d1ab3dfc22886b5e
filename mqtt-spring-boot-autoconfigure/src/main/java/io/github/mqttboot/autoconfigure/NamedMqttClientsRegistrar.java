package io.github.mqttboot.autoconfigure;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.mqttboot.client.ManagedMqttClient;
import io.github.mqttboot.client.MqttClientSettings;
import io.github.mqttboot.client.MqttCredentialsProvider;
import io.github.mqttboot.client.driver.MqttDriver;
import io.github.mqttboot.core.MqttPayloadConverter;
import io.github.mqttboot.core.MqttTemplate;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.ssl.SslBundles;

/**
 * Registers a {@link ManagedMqttClient} ({@code <name>MqttClient}) and an {@link MqttTemplate}
 * ({@code <name>MqttTemplate}) for each client under {@code mqtt.clients}. Each client has its own
 * driver, supervisor and threads ({@code mqtt-<name>-<role>-<n>}), so that one that cannot connect
 * never holds up another. The service connections and the embedded broker serve the default
 * client only; a named client connects where its properties say.
 *
 * @author mqtt-spring-boot-starter
 */
class NamedMqttClientsRegistrar extends NamedClientBeansRegistrar {

	@Override
	protected void register(BeanDefinitionRegistry registry, String name) {
		MqttNamedClients.register(registry, MqttNamedClients.clientBeanName(name), ManagedMqttClient.class,
				() -> createClient(name));
		MqttNamedClients.register(registry, MqttNamedClients.beanName(name, "MqttTemplate"), MqttTemplate.class,
				() -> createTemplate(name));
	}

	private ManagedMqttClient createClient(String name) {
		MqttProperties properties = MqttNamedClients.properties(getEnvironment(), name);
		return MqttNamedClients.reportingOwnKeys(getEnvironment(), name, () -> {
			checkClientIdOfItsOwn(name, properties);
			MqttDriver driver = MqttDrivers.create(properties, name,
					getBeanFactory().getBeanProvider(PahoV5ConnectionOptionsCustomizer.class),
					getBeanFactory().getBeanProvider(PahoV3ConnectOptionsCustomizer.class),
					getBeanFactory().getBeanProvider(HiveMqClientBuilderCustomizer.class), getClass().getClassLoader());
			MqttConnectionDetails details = new PropertiesMqttConnectionDetails(properties,
					getBeanFactory().getBeanProvider(SslBundles.class).getIfAvailable());
			MqttClientSettings settings = MqttClientSettingsMapper.map(properties, details, getEnvironment());
			MqttCredentialsProvider provider = getBeanFactory().getBeanProvider(MqttCredentialsProvider.class)
				.getIfUnique();
			if (provider != null && !(provider instanceof ConnectionDetailsCredentialsProvider)) {
				// the application's provider serves every client: it is told which one asks
				settings.setCredentialsProvider(provider);
			}
			settings.setPublishInterceptor(MqttObservationSupport.publishObservation(name, properties,
					(ListableBeanFactory) getBeanFactory()));
			return new ManagedMqttClient(name, settings, driver);
		});
	}

	/**
	 * Two connections with one client id to one broker take the session from each other in a
	 * loop: a fixed id, inherited from {@code mqtt.client-id} or set twice, fails startup.
	 */
	private void checkClientIdOfItsOwn(String name, MqttProperties properties) {
		String clientId = properties.getClientId();
		if (clientId == null) {
			// generated, one for each client
			return;
		}
		Map<String, MqttProperties> others = new LinkedHashMap<>();
		others.put(MqttNamedClients.DEFAULT_CLIENT, Binder.get(getEnvironment())
			.bind("mqtt", MqttProperties.class)
			.orElseGet(MqttProperties::new));
		for (String other : MqttNamedClients.names(getEnvironment())) {
			if (other.equals(name)) {
				break;
			}
			others.put(other, MqttNamedClients.properties(getEnvironment(), other));
		}
		others.forEach((other, otherProperties) -> {
			if (clientId.equals(otherProperties.getClientId())
					&& !Collections.disjoint(properties.getServerUris(), otherProperties.getServerUris())) {
				throw new InvalidMqttPropertyException("mqtt.client-id", clientId, "is also the client id of client '"
						+ other + "' on the same broker: two connections with one client id take the session from "
						+ "each other in a loop; give mqtt.clients." + name + " a client-id of its own");
			}
		});
	}

	private MqttTemplate createTemplate(String name) {
		MqttProperties properties = MqttNamedClients.properties(getEnvironment(), name);
		ManagedMqttClient client = client(name);
		return new MqttTemplate(client, getBeanFactory().getBean(MqttPayloadConverter.class),
				properties.getPublish().getDefaultQos());
	}

}
