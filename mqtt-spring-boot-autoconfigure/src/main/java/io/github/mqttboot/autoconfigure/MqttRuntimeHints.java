package io.github.mqttboot.autoconfigure;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.boot.context.properties.bind.BindableRuntimeHintsRegistrar;

/**
 * Native-image hints for binding {@link MqttProperties} and its nested groups. Boot also
 * derives them from the {@code @ConfigurationProperties} bean; registering them here keeps
 * them when an application binds the properties some other way.
 *
 * @author mqtt-spring-boot-starter
 */
class MqttRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
		BindableRuntimeHintsRegistrar.forTypes(MqttProperties.class).registerHints(hints, classLoader);
	}

}
