package io.github.mqttboot.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.core.env.Environment;

/**
 * The clients declared under {@code mqtt.clients.<name>}: their names, their bean names, and
 * their properties, in which every key a client does not set comes from {@code mqtt.*}. The
 * auto-configurations read them from the {@link Environment} before any bean exists, so that
 * each can register its beans per client.
 *
 * @author mqtt-spring-boot-starter
 * @since 0.1.0
 */
public final class MqttNamedClients {

	/** The name of the default client: its bean name, and the client name of its threads and meters. */
	public static final String DEFAULT_CLIENT = MqttAutoConfiguration.CLIENT_BEAN_NAME;

	private static final String PREFIX = "mqtt.clients.";

	// the name starts bean names ("cloudMqttClient") and thread names ("mqtt-cloud-listener-1")
	private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]*");

	private MqttNamedClients() {
	}

	/**
	 * Returns the names under {@code mqtt.clients}, in the order they are declared.
	 * @param environment the environment
	 * @return the names, empty when no named client is declared
	 * @throws InvalidMqttPropertyException if a name cannot be part of a bean name
	 */
	public static List<String> names(Environment environment) {
		Map<String, MqttProperties> clients = Binder.get(environment)
			.bind("mqtt.clients", Bindable.mapOf(String.class, MqttProperties.class))
			.orElse(Map.of());
		List<String> names = new ArrayList<>();
		for (String name : clients.keySet()) {
			if (!NAME.matcher(name).matches()) {
				throw new InvalidMqttPropertyException(PREFIX + name, name,
						"a client's name is part of its bean names (<name>MqttClient) and thread names; use letters "
								+ "and digits, starting with a letter, such as 'cloud' or 'edge2'");
			}
			if (DEFAULT_CLIENT.equals(name)) {
				throw new InvalidMqttPropertyException(PREFIX + name, name,
						"is the name of the default client (mqtt.*); choose another name");
			}
			names.add(name);
		}
		return names;
	}

	/**
	 * Returns the properties of a named client: those of {@code mqtt.*}, overridden by every key
	 * set under {@code mqtt.clients.<name>}.
	 * @param environment the environment
	 * @param name the client's name
	 * @return the client's properties
	 */
	public static MqttProperties properties(Environment environment, String name) {
		Binder binder = Binder.get(environment);
		MqttProperties properties = binder.bind("mqtt", MqttProperties.class).orElseGet(MqttProperties::new);
		properties.getClients().clear();
		binder.bind(PREFIX + name, Bindable.ofInstance(properties));
		return properties;
	}

	/**
	 * Returns the bean name of a named client.
	 * @param name the client's name
	 * @return {@code <name>MqttClient}
	 */
	public static String clientBeanName(String name) {
		return name + "MqttClient";
	}

	/**
	 * Returns the bean name of a named client's bean of a role, such as {@code MqttTemplate}.
	 * @param name the client's name
	 * @param role the role, the simple name of the bean's type as a rule
	 * @return {@code <name><role>}
	 */
	public static String beanName(String name, String role) {
		return name + role;
	}

	/**
	 * Registers a bean of a named client unless a bean of that name exists (the application's own
	 * wins, as {@code @ConditionalOnMissingBean} has it).
	 * @param <T> the bean's type
	 * @param registry the registry
	 * @param beanName the bean's name
	 * @param type the bean's type
	 * @param supplier creates the bean
	 */
	public static <T> void register(BeanDefinitionRegistry registry, String beanName, Class<T> type,
			Supplier<T> supplier) {
		if (!registry.containsBeanDefinition(beanName)) {
			registry.registerBeanDefinition(beanName, new RootBeanDefinition(type, supplier));
		}
	}

	/**
	 * Runs what reads a named client's properties, so that a refused value is reported by the key
	 * that set it: {@code mqtt.clients.<name>.<key>} when the client sets it, else the inherited
	 * {@code mqtt.<key>}.
	 * @param <T> what the action returns
	 * @param environment the environment
	 * @param name the client's name
	 * @param action the action
	 * @return what the action returns
	 */
	public static <T> T reportingOwnKeys(Environment environment, String name, Supplier<T> action) {
		try {
			return action.get();
		}
		catch (InvalidMqttPropertyException ex) {
			String own = ownKey(name, ex.getProperty());
			if (own != null && isSet(environment, own)) {
				throw new InvalidMqttPropertyException(own, ex.getValue(), ex.getReason());
			}
			throw new InvalidMqttPropertyException(ex.getProperty(), ex.getValue(),
					ex.getReason() + " (inherited by " + PREFIX + name + ")");
		}
	}

	/**
	 * Returns the key a client took a setting from: {@code mqtt.<key>} for the default client;
	 * for a named client {@code mqtt.clients.<name>.<key>} when it sets it, else the inherited
	 * {@code mqtt.<key>}, said to be inherited.
	 * @param environment the environment
	 * @param name the client's name
	 * @param key the key below {@code mqtt.}, such as {@code server-uris}
	 * @return the key, as a failure message names it
	 */
	public static String keyOf(Environment environment, String name, String key) {
		String inherited = "mqtt." + key;
		if (name == null || DEFAULT_CLIENT.equals(name)) {
			return "'" + inherited + "'";
		}
		String own = ownKey(name, inherited);
		return isSet(environment, own) ? "'" + own + "'" : "'" + inherited + "' (inherited by " + PREFIX + name + ")";
	}

	private static String ownKey(String name, String property) {
		return (property.startsWith("mqtt.") && !property.startsWith(PREFIX))
				? PREFIX + name + property.substring("mqtt".length()) : null;
	}

	private static boolean isSet(Environment environment, String key) {
		if (!ConfigurationPropertyName.isValid(key)) {
			return false;
		}
		ConfigurationPropertyName name = ConfigurationPropertyName.of(key);
		ConfigurationPropertyName whole = ConfigurationPropertyName.of(key.replaceAll("\\[\\d+]$", ""));
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (source.getConfigurationProperty(name) != null || source.getConfigurationProperty(whole) != null
					|| source.containsDescendantOf(whole) == ConfigurationPropertyState.PRESENT) {
				return true;
			}
		}
		return false;
	}

}
