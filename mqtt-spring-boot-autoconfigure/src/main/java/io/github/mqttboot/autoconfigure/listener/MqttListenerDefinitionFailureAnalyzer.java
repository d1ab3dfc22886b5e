package io.github.mqttboot.autoconfigure.listener;

import io.github.mqttboot.listener.MqttListenerDefinitionException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports an {@code @MqttListener} method that cannot run as written, naming the method, what is
 * wrong and what to change, instead of a stack trace.
 *
 * @author mqtt-spring-boot-starter
 */
class MqttListenerDefinitionFailureAnalyzer extends AbstractFailureAnalyzer<MqttListenerDefinitionException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MqttListenerDefinitionException cause) {
		return new FailureAnalysis("The @MqttListener method " + cause.getMethod() + " cannot run: "
				+ cause.getProblem() + ".", cause.getAction() + ".", cause);
	}

}
