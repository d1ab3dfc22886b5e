package io.github.mqttboot.integration;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.mqttboot.client.Failures;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttClientInterface;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.MqttWireMessage;

/**
 * A Paho token over a future of the supervised client. Waiting on it is bounded by the caller's
 * timeout; a failure surfaces as a {@link MqttException} whose cause is the client's exception.
 *
 * @author mqtt-spring-boot-starter
 */
final class SupervisedToken implements IMqttToken {

	private final CompletableFuture<?> outcome;

	private final MqttClientInterface client;

	private final String[] topics;

	private volatile int messageId;

	private volatile int[] reasonCodes = new int[0];

	private volatile MqttActionListener callback;

	private volatile Object userContext;

	private final AtomicBoolean notified = new AtomicBoolean();

	SupervisedToken(CompletableFuture<?> outcome, MqttClientInterface client, String[] topics, Object userContext,
			MqttActionListener callback) {
		this.outcome = outcome;
		this.client = client;
		this.topics = topics;
		this.userContext = userContext;
		this.callback = callback;
		// the callback is read when the outcome arrives, so one set later is still called
		outcome.whenComplete((result, failure) -> notifyCallback(failure));
	}

	static SupervisedToken completed(MqttClientInterface client, Object userContext, MqttActionListener callback) {
		return new SupervisedToken(CompletableFuture.completedFuture(null), client, null, userContext, callback);
	}

	void messageId(int messageId) {
		this.messageId = messageId;
	}

	void reasonCodes(int[] reasonCodes) {
		this.reasonCodes = reasonCodes.clone();
	}

	private void notifyCallback(Throwable failure) {
		MqttActionListener listener = this.callback;
		// once: a callback set while the outcome arrives could be reached from both sides
		if (listener == null || !this.notified.compareAndSet(false, true)) {
			return;
		}
		if (failure == null) {
			listener.onSuccess(this);
		}
		else {
			listener.onFailure(this, Failures.unwrap(failure));
		}
	}

	@Override
	public void waitForCompletion() throws MqttException {
		waitForCompletion(-1);
	}

	@Override
	public void waitForCompletion(long timeout) throws MqttException {
		try {
			if (timeout <= 0) {
				// Paho's meaning: no timeout
				this.outcome.get();
			}
			else {
				this.outcome.get(timeout, TimeUnit.MILLISECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new MqttException(MqttException.REASON_CODE_CLIENT_EXCEPTION, ex);
		}
		catch (TimeoutException ex) {
			throw new MqttException(MqttClientException.REASON_CODE_CLIENT_TIMEOUT, ex);
		}
		catch (ExecutionException | CancellationException ex) {
			throw getExceptionOf(ex);
		}
	}

	@Override
	public boolean isComplete() {
		return this.outcome.isDone();
	}

	@Override
	public MqttException getException() {
		if (!this.outcome.isCompletedExceptionally()) {
			return null;
		}
		try {
			this.outcome.join();
			return null;
		}
		catch (CompletionException | CancellationException ex) {
			return getExceptionOf(ex);
		}
	}

	private static MqttException getExceptionOf(Throwable wrapped) {
		Throwable cause = Failures.unwrap(wrapped);
		return (cause instanceof MqttException mqtt) ? mqtt
				: new MqttException(MqttException.REASON_CODE_CLIENT_EXCEPTION, cause);
	}

	@Override
	public void setActionCallback(MqttActionListener listener) {
		this.callback = listener;
		if (this.outcome.isDone()) {
			this.outcome.whenComplete((result, failure) -> notifyCallback(failure));
		}
	}

	@Override
	public MqttActionListener getActionCallback() {
		return this.callback;
	}

	@Override
	public MqttClientInterface getClient() {
		return this.client;
	}

	@Override
	public String[] getTopics() {
		return this.topics;
	}

	@Override
	public void setUserContext(Object userContext) {
		this.userContext = userContext;
	}

	@Override
	public Object getUserContext() {
		return this.userContext;
	}

	@Override
	public int getMessageId() {
		return this.messageId;
	}

	@Override
	public int[] getGrantedQos() {
		return this.reasonCodes.clone();
	}

	@Override
	public int[] getReasonCodes() {
		return this.reasonCodes.clone();
	}

	@Override
	public boolean getSessionPresent() {
		return false;
	}

	@Override
	public MqttWireMessage getResponse() {
		return null;
	}

	@Override
	public MqttProperties getResponseProperties() {
		return null;
	}

	@Override
	public MqttMessage getMessage() {
		return null;
	}

	@Override
	public MqttWireMessage getRequestMessage() {
		return null;
	}

	@Override
	public MqttProperties getRequestProperties() {
		return null;
	}

}
