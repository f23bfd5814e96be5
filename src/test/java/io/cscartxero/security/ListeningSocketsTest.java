package io.cscartxero.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.cscartxero.testsupport.ConnectorHarness;
import io.cscartxero.ops.JobLaunchService;
import io.cscartxero.testsupport.StoreGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 12: what {@code serve} exposes. A "port scan" of this JVM while serve runs a job (default configuration, the
 * connector database an H2 file as by default): every listening TCP socket is on loopback. Before, Tomcat listened on
 * every interface (*:8081) and H2's AUTO_SERVER on another port. Health details (database versions, last runs, token
 * expiry) only to a caller on this machine; from another address or through a proxy, only the status.
 */
class ListeningSocketsTest {

    @TempDir
    Path dir;

    private ConnectorHarness harness;

    @AfterEach
    void close() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void whileServeRunsAJobEveryListeningSocketIsOnLoopback() throws Exception {
        harness = ConnectorHarness.start().set("spring.datasource.url", SecurityFixture.defaultConnectorUrl(dir.resolve("data")))
                .set("sync.chunk-size", "10");
        new StoreGenerator(harness.cscart.dataSource(), ConnectorHarness.PREFIX, 91L).customers(120);
        harness.sandbox.faults().setSlowRate(1.0, Duration.ofMillis(150));   // the run lasts while we look
        ConfigurableApplicationContext app = harness.startServeApp();
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();

        CompletableFuture<JobLaunchService.Outcome> run = CompletableFuture.supplyAsync(
                () -> ConnectorHarness.jobs(app).run("customerExportJob", Map.of()));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (harness.sandbox.stats().totalCalls() == 0 && !run.isDone() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        List<SecurityFixture.Listening> listening = SecurityFixture.listeningSocketsOfThisProcess();
        boolean runningWhileScanned = !run.isDone();

        assertThat(runningWhileScanned).as("the job was running during the scan").isTrue();
        assertThat(listening).extracting(SecurityFixture.Listening::port).contains(port);   // the scan sees serve's port
        assertThat(listening).as("listening sockets of the connector's JVM").allMatch(SecurityFixture.Listening::loopback);
        harness.sandbox.faults().setSlowRate(0, Duration.ZERO);
        assertThat(run.join().exitCode()).isZero();
    }

    @Test
    void healthDetailsOnlyForCallersOnThisMachine() throws Exception {
        harness = ConnectorHarness.start().set("server.address", "0.0.0.0");   // an operator exposing the port
        ConfigurableApplicationContext app = harness.startServeApp();
        ConnectorHarness.jobs(app).run("customerExportJob", Map.of());
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();

        JsonNode local = health("http://127.0.0.1:" + port, Map.of());
        assertThat(local.path("status").asString()).isEqualTo("UP");
        assertThat(local.path("components").path("lastRun").path("details").path("customerExportJob").asString()).startsWith("COMPLETED");
        assertThat(local.path("components").path("cscartDatabase").path("details").path("version").asString()).isNotEmpty();

        // through a reverse proxy on this machine: the proxy's caller is not local
        JsonNode proxied = health("http://127.0.0.1:" + port, Map.of("X-Forwarded-For", "203.0.113.7"));
        assertThat(proxied.path("status").asString()).isEqualTo("UP");
        assertThat(proxied.has("components")).as(proxied.toString()).isFalse();
        assertThat(proxied.toString()).doesNotContain("details").doesNotContain("COMPLETED").doesNotContain("version");

        Optional<InetAddress> external = nonLoopbackAddress();
        if (external.isPresent()) {   // a caller from another address (this machine's own network address)
            JsonNode remote = health("http://" + external.get().getHostAddress() + ":" + port, Map.of());
            assertThat(remote.path("status").asString()).isEqualTo("UP");
            assertThat(remote.has("components")).as(remote.toString()).isFalse();
            assertThat(remote.toString()).doesNotContain("details").doesNotContain("COMPLETED");
        }
    }

    private static JsonNode health(String base, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/actuator/health")).timeout(Duration.ofSeconds(20));
        headers.forEach(request::header);
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        return JsonMapper.builder().build().readTree(response.body());
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws Exception {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address && !address.isLoopbackAddress() && !address.isLinkLocalAddress()) {
                        return Optional.of(address);
                    }
                }
            }
        }
        return Optional.empty();
    }
}
