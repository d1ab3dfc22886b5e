package io.github.mqttboot.sample;

import java.io.File;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.mqttboot.test.MqttTestBroker;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every metric that {@code docs/grafana/mqtt-dashboard.json} queries is in the sample app's
 * Prometheus scrape, so a renamed meter breaks this test rather than a dashboard in production.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@DirtiesContext
@MqttTestBroker
class GrafanaDashboardTests {

	private static final File DASHBOARD = new File("../docs/grafana/mqtt-dashboard.json");

	private static final Pattern METRIC = Pattern.compile("mqtt_[a-z_]+");

	private static Set<String> queried;

	@LocalServerPort
	private int port;

	@BeforeAll
	static void readDashboard() {
		JsonNode dashboard = JsonMapper.builder().build().readTree(DASHBOARD);
		queried = new TreeSet<>();
		collectMetricNames(dashboard, queried);
	}

	// PromQL sits in panel targets ("expr") and template variables ("definition", "query")
	private static void collectMetricNames(JsonNode node, Set<String> names) {
		if (node.isObject()) {
			for (Map.Entry<String, JsonNode> property : node.properties()) {
				JsonNode value = property.getValue();
				if (value.isString() && Set.of("expr", "definition", "query").contains(property.getKey())) {
					Matcher matcher = METRIC.matcher(value.stringValue());
					while (matcher.find()) {
						names.add(matcher.group());
					}
				}
				collectMetricNames(value, names);
			}
		}
		else if (node.isArray()) {
			node.forEach((child) -> collectMetricNames(child, names));
		}
	}

	@Test
	void queriesEveryContractMeter() {
		assertThat(queried).contains("mqtt_client_threads", "mqtt_client_workers_pending", "mqtt_client_connected",
				"mqtt_client_connects_total", "mqtt_client_connection_lost_total", "mqtt_client_inflight",
				"mqtt_client_buffered", "mqtt_messages_received_total", "mqtt_messages_published_total",
				"mqtt_listener_seconds_count", "mqtt_publish_seconds_count", "mqtt_listener_queued",
				"mqtt_listener_stalled", "mqtt_listener_retries_total", "mqtt_messages_dropped_total",
				"mqtt_client_conflicts_total");
	}

	@Test
	void everyQueriedMetricIsScraped() {
		String scrape = new ActuatorClient(this.port).get("/actuator/prometheus");
		Set<String> scraped = new TreeSet<>();
		for (String line : scrape.split("\n")) {
			Matcher matcher = Pattern.compile("^(mqtt_[a-z_]+)[{ ]").matcher(line);
			if (matcher.find()) {
				scraped.add(matcher.group(1));
			}
		}
		Set<String> expected = new TreeSet<>(queried);
		assertThat(scraped).containsAll(expected);
	}

}
