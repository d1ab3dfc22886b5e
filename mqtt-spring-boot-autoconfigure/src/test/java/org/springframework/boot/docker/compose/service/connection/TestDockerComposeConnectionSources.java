package org.springframework.boot.docker.compose.service.connection;

import org.springframework.boot.docker.compose.core.RunningService;
import org.springframework.mock.env.MockEnvironment;

/**
 * Creates the source Boot hands to a {@link DockerComposeConnectionDetailsFactory} for a
 * running Compose service, so the factories' mapping is tested without Docker. It lives in
 * Boot's package because the source's constructor is package-private.
 */
public final class TestDockerComposeConnectionSources {

	private TestDockerComposeConnectionSources() {
	}

	public static DockerComposeConnectionSource of(RunningService service) {
		return new DockerComposeConnectionSource(service, new MockEnvironment());
	}

}
