package io.cscartxero.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import io.cscartxero.testsupport.ConnectorHarness;
import io.cscartxero.testsupport.StoreGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** serve's monitoring: Actuator health of both databases, the Xero connection and the last runs; Prometheus metrics. */
class ServeMonitoringTest {

    private ConnectorHarness harness;

    @AfterEach
    void close() {
        if (harness != null) {
            harness.close();
        }
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthAndPrometheusShowTheConnectorsState() throws Exception {
        harness = ConnectorHarness.start();
        new StoreGenerator(harness.cscart.dataSource(), ConnectorHarness.PREFIX, 81L).customers(60);
        ConfigurableApplicationContext app = harness.startServeApp();
        ConnectorHarness.jobs(app).run("customerExportJob", Map.of());
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();

        HttpResponse<String> health = get("http://localhost:" + port + "/actuator/health");
        JsonNode body = JsonMapper.builder().build().readTree(health.body());
        assertThat(body.path("components").path("db").path("status").asString()).isEqualTo("UP");
        assertThat(body.path("components").path("cscartDatabase").path("status").asString()).isEqualTo("UP");
        assertThat(body.path("components").path("xeroToken").path("status").asString()).isEqualTo("UP");
        assertThat(body.path("components").path("lastRun").path("details").path("customerExportJob").asString()).startsWith("COMPLETED");
        assertThat(health.body()).doesNotContain(harness.sandbox.settings().clientSecret());

        String metrics = get("http://localhost:" + port + "/actuator/prometheus").body();
        assertThat(metrics).contains("xero_api_calls_total").contains("cscartxero_records_synced_total{job=\"customerExportJob\"")
                .contains("cscartxero_records_skipped_total").contains("xero_api_rate_limited_total").contains("xero_api_day_remaining");
    }
}
