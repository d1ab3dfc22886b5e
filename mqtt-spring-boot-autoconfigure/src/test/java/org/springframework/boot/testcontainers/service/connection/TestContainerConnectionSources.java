package org.springframework.boot.testcontainers.service.connection;

import java.util.function.Supplier;

import org.testcontainers.containers.Container;

import org.springframework.boot.origin.Origin;
import org.springframework.core.annotation.MergedAnnotation;

/**
 * Creates the source Boot hands to a {@link ContainerConnectionDetailsFactory} for a
 * {@code @ServiceConnection} field, so the factories' mapping is tested without Docker.
 * It lives in Boot's package because the source's constructor is package-private.
 */
public final class TestContainerConnectionSources {

	private TestContainerConnectionSources() {
	}

	public static <C extends Container<?>> ContainerConnectionSource<C> of(Class<C> type, String imageName,
			Supplier<C> container) {
		Origin origin = new Origin() {
			@Override
			public String toString() {
				return "test field " + imageName;
			}
		};
		return new ContainerConnectionSource<>("test", origin, type, imageName,
				MergedAnnotation.of(ServiceConnection.class), container, null, null);
	}

}
