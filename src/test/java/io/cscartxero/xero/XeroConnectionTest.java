package io.cscartxero.xero;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.cscartxero.ops.JobLaunchService;
import io.cscartxero.sync.ErrorLog;
import io.cscartxero.testsupport.ConnectorHarness;
import io.cscartxero.testsupport.StoreGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.batch.core.BatchStatus;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** OAuth against the sandbox: refresh-token rotation across restarts, encryption at rest, no secret in any output. */
@ExtendWith(OutputCaptureExtension.class)
class XeroConnectionTest {

    private static final String ENCRYPTION_KEY = "test-encryption-passphrase-0123456789";
    private ConnectorHarness harness;

    @AfterEach
    void close() {
        if (harness != null) {
            harness.close();
        }
    }

    /** What the connect flow does: the user consents, we exchange the code for the first token set. */
    private JsonNode consentAndExchange() throws Exception {
        String redirect = "http://localhost:8765/callback";
        String code = harness.sandbox.issueAuthorizationCode(redirect, "offline_access accounting.contacts");
        String basic = Base64.getEncoder().encodeToString((harness.sandbox.settings().clientId() + ":"
                + harness.sandbox.settings().clientSecret()).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create(harness.sandbox.identityUrl() + "/connect/token"))
                        .header("Authorization", "Basic " + basic)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&code=" + code
                                + "&redirect_uri=" + java.net.URLEncoder.encode(redirect, StandardCharsets.UTF_8)))
                        .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return JsonMapper.builder().build().readTree(response.body());
    }

    @Test
    void aRotatedRefreshTokenIsStoredEncryptedAndSurvivesARestart(CapturedOutput output) throws Exception {
        harness = ConnectorHarness.start();
        new StoreGenerator(harness.cscart.dataSource(), ConnectorHarness.PREFIX, 21L).customers(30);
        String firstRefreshToken = consentAndExchange().path("refresh_token").asString();
        harness.set("xero.grant", "refresh_token").set("xero.refresh-token", firstRefreshToken)
                .set("xero.token-encryption-key", ENCRYPTION_KEY);

        ConfigurableApplicationContext first = harness.startApp();
        assertThat(ConnectorHarness.jobs(first).run("customerExportJob", Map.of()).execution().getStatus())
                .isEqualTo(BatchStatus.COMPLETED);
        JdbcTemplate connector = first.getBean(JdbcTemplate.class);
        Map<String, Object> row = connector.queryForMap("SELECT refresh_token_enc, access_token_enc FROM xero_token");
        assertThat(row.get("refresh_token_enc")).asString().isNotBlank().doesNotContain(firstRefreshToken);
        first.close();

        // an hour later: the access token expired and the first refresh token is past its 30-minute grace
        harness.sandbox.clock().advance(Duration.ofMinutes(61));
        harness.cscartJdbc().update("UPDATE cscart_users SET phone = '+1 555 0100' WHERE user_type = 'C' ORDER BY user_id LIMIT 2");
        ConfigurableApplicationContext restarted = harness.startApp();   // still configured with the old token
        JobLaunchService.Outcome outcome = ConnectorHarness.jobs(restarted).run("customerExportJob", Map.of());

        assertThat(outcome.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(outcome.execution().getStepExecutions().iterator().next().getWriteCount()).isEqualTo(2);
        assertThat(harness.sandbox.stats().tokenRequests()).isGreaterThanOrEqualTo(3); // code exchange + 2 refreshes
        assertNoSecretIn(output.getAll(), restarted);
    }

    @Test
    void aRefusedRefreshTokenFailsClearlyWithoutLeakingIt(CapturedOutput output) throws Exception {
        harness = ConnectorHarness.start();
        new StoreGenerator(harness.cscart.dataSource(), ConnectorHarness.PREFIX, 22L).customers(5);
        harness.set("xero.grant", "refresh_token").set("xero.refresh-token", "not-a-valid-refresh-token-123456")
                .set("xero.token-encryption-key", ENCRYPTION_KEY);
        ConfigurableApplicationContext app = harness.startApp();

        JobLaunchService.Outcome outcome = ConnectorHarness.jobs(app).run("customerExportJob", Map.of());

        assertThat(outcome.exitCode()).isEqualTo(JobLaunchService.EXIT_FAILED);
        assertThat(outcome.message()).contains("invalid_grant").doesNotContain("not-a-valid-refresh-token-123456");
        assertThat(output.getAll()).doesNotContain("not-a-valid-refresh-token-123456");
        assertNoSecretIn(output.getAll() + outcome.message(), app);
    }

    /** No client secret, token or Authorization header value in the output or the error log. */
    private void assertNoSecretIn(String text, ConfigurableApplicationContext app) {
        Set<String> secrets = new HashSet<>();
        secrets.add(harness.sandbox.settings().clientSecret());
        harness.sandbox.stats().requests().forEach(r -> {
            String auth = r.headers().get("authorization");
            if (auth != null) {
                secrets.add(auth.substring(auth.indexOf(' ') + 1));
            }
        });
        List<ErrorLog.Row> errors = app.getBean(ErrorLog.class).find(null, null, 10_000);
        assertThat(secrets).isNotEmpty();
        for (String secret : secrets) {
            assertThat(text).doesNotContain(secret);
            assertThat(errors).noneMatch(e -> String.valueOf(e.message()).contains(secret)
                    || String.valueOf(e.payloadSummary()).contains(secret));
        }
    }
}
