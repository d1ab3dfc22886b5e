package io.github.mqttboot.sample;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.mqttboot.test.MqttTestBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * Every panel query of {@code docs/grafana/mqtt-dashboard.json} returns data: a real Prometheus
 * scrapes the sample app, and each query, with the dashboard's variables filled in, is evaluated
 * through Prometheus's HTTP API and must return at least one series. Skipped only where the
 * {@code prometheus} binary is missing ({@code apt-get install prometheus}).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@DirtiesContext
@MqttTestBroker
class PrometheusDashboardTests {

	private static final File DASHBOARD = new File("../docs/grafana/mqtt-dashboard.json");

	private static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	private int port;

	@TempDir
	Path directory;

	private Process prometheus;

	@AfterEach
	void stopPrometheus() throws InterruptedException {
		if (this.prometheus != null) {
			this.prometheus.destroy();
			if (!this.prometheus.waitFor(10, TimeUnit.SECONDS)) {
				this.prometheus.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
	}

	@Test
	void everyPanelQueryReturnsASeries() throws Exception {
		assumeThat(Files.isExecutable(PROMETHEUS)).as("prometheus installed").isTrue();
		int prometheusPort = freePort();
		startPrometheus(prometheusPort);
		// rate() needs two samples in its window: scraped every second, give it a few
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofSeconds(1))
			.ignoreExceptions()
			.until(() -> !query(prometheusPort, "mqtt_client_connected").isEmpty()
					&& !query(prometheusPort, "rate(mqtt_client_connects_total[10s])").isEmpty());
		List<String> expressions = panelExpressions();
		assertThat(expressions).hasSizeGreaterThan(10);
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
			List<String> empty = new ArrayList<>();
			for (String expression : expressions) {
				if (query(prometheusPort, expression).isEmpty()) {
					empty.add(expression);
				}
			}
			assertThat(empty).as("queries that returned no series").isEmpty();
		});
	}

	private void startPrometheus(int prometheusPort) throws IOException {
		Path config = this.directory.resolve("prometheus.yml");
		Files.writeString(config, """
				global:
				  scrape_interval: 1s
				scrape_configs:
				  - job_name: sample-app
				    metrics_path: /actuator/prometheus
				    static_configs:
				      - targets: ['127.0.0.1:%d']
				""".formatted(this.port));
		this.prometheus = new ProcessBuilder(PROMETHEUS.toString(), "--config.file=" + config,
				"--storage.tsdb.path=" + this.directory.resolve("data"),
				"--web.listen-address=127.0.0.1:" + prometheusPort)
			.redirectErrorStream(true)
			.redirectOutput(this.directory.resolve("prometheus.log").toFile())
			.start();
	}

	/** The dashboard's panel queries, its variables replaced as Grafana would for "All". */
	private static List<String> panelExpressions() {
		JsonNode dashboard = JsonMapper.builder().build().readTree(DASHBOARD);
		List<String> expressions = new ArrayList<>();
		for (JsonNode panel : dashboard.get("panels")) {
			JsonNode targets = panel.get("targets");
			if (targets != null) {
				targets.forEach((target) -> expressions.add(target.get("expr")
					.stringValue()
					.replace("$instance", ".*")
					.replace("$client", ".*")
					.replace("$__rate_interval", "10s")));
			}
		}
		return expressions;
	}

	private JsonNode query(int prometheusPort, String expression) {
		URI uri = URI.create("http://127.0.0.1:" + prometheusPort + "/api/v1/query?query="
				+ URLEncoder.encode(expression, StandardCharsets.UTF_8));
		try {
			HttpResponse<String> response = this.http.send(
					HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
					HttpResponse.BodyHandlers.ofString());
			JsonNode body = JsonMapper.builder().build().readTree(response.body());
			assertThat(body.get("status").stringValue()).as(expression + ": " + response.body()).isEqualTo("success");
			return body.get("data").get("result");
		}
		catch (IOException ex) {
			// Prometheus still starting
			return JsonMapper.builder().build().createArrayNode();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
