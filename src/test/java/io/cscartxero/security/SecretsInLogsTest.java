package io.cscartxero.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.cscartxero.testsupport.ConnectorHarness;
import io.cscartxero.testsupport.TerminalCommand;
import io.cscartxero.ops.JobLaunchService;
import io.cscartxero.sandbox.RecordedRequest;
import io.cscartxero.sandbox.SandboxSettings;
import io.cscartxero.testsupport.StoreGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * No secret in any log at any level: every OAuth flow runs with every logger at TRACE (the root and each logger that
 * could see a request: Spring's RestClient and message converters, the JDK HTTP server of connect's callback, the JDK
 * HTTP client, the connector's own), and the whole console output is searched for the client secret, the access and
 * refresh tokens, the authorization code, the PKCE verifier, the state and the Authorization header values.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsInLogsTest {

    static final String KEY = "p0fJkT0yqk7sH1o0rW8m4G2vQ9eXc3bN5dL6aZ1uY2I=";

    /** Every logger that could print a request, a header or a callback; and the root. */
    static final List<String> LOGGERS = List.of("root", "io.cscartxero", "org.springframework", "org.springframework.web",
            "org.springframework.web.client", "org.springframework.http", "org.springframework.http.client",
            "org.springframework.http.converter", "org.springframework.boot", "org.springframework.context",
            "org.springframework.jdbc", "com.sun.net.httpserver", "sun.net.httpserver", "jdk.httpclient",
            "jdk.internal.httpclient", "sun.net.www.protocol.http", "org.flywaydb", "com.zaxxer.hikari");

    private SecretFlows flows;

    @AfterEach
    void close() {
        if (flows != null) {
            flows.close();
        }
    }

    static void everyLoggerAtTrace(ConnectorHarness harness) {
        for (String logger : LOGGERS) {
            harness.set("logging.level." + logger, "TRACE");
        }
    }

    @Test
    void noOAuthFlowPrintsASecretWithEveryLoggerAtTrace(CapturedOutput logs) throws Exception {
        flows = new SecretFlows(KEY);
        ConnectorHarness harness = flows.harness;
        everyLoggerAtTrace(harness);
        new StoreGenerator(harness.cscart.dataSource(), ConnectorHarness.PREFIX, 61L).customers(8);

        // connect: authorization code with PKCE (state, code, verifier, Basic client credentials), GET /connections
        SecretFlows.Result connect = flows.connect();
        assertThat(connect.exit()).as(connect.out()).isZero();

        // a job's API calls with the Bearer token
        assertThat(flows.cli("run", "customerExportJob").exit()).isIn(JobLaunchService.EXIT_COMPLETED, JobLaunchService.EXIT_COMPLETED_WITH_SKIPS);

        // refresh with rotation: the stored access token has expired
        connectorDb().update("UPDATE xero_token SET access_expires_at = ?", Timestamp.from(Instant.now().minusSeconds(5)));
        harness.cscartJdbc().update("UPDATE cscart_users SET phone = '+1 555 0199' WHERE user_type = 'C' ORDER BY user_id LIMIT 2");
        assertThat(flows.cli("run", "customerExportJob").exit()).isIn(JobLaunchService.EXIT_COMPLETED, JobLaunchService.EXIT_COMPLETED_WITH_SKIPS);

        // disconnect: DELETE /connections/{id} with the Bearer token, revocation of the refresh token
        SecretFlows.Result disconnect = flows.cli("disconnect");
        assertThat(disconnect.exit()).as(disconnect.out()).isZero();

        // a custom connection: client_credentials
        harness.set("xero.grant", "client_credentials").set("xero.tenant-id", SandboxSettings.DEFAULT_TENANT_ID);
        harness.cscartJdbc().update("UPDATE cscart_users SET phone = '+1 555 0198' WHERE user_type = 'C' ORDER BY user_id LIMIT 2");
        assertThat(flows.cli("run", "customerExportJob").exit()).isIn(JobLaunchService.EXIT_COMPLETED, JobLaunchService.EXIT_COMPLETED_WITH_SKIPS);

        List<RecordedRequest> tokenCalls = harness.sandbox.stats().requests().stream()
                .filter(r -> r.path().equals("/connect/token")).toList();
        assertThat(tokenCalls).extracting(r -> SecretFlows.formValue(r, "grant_type"))
                .containsExactly("authorization_code", "refresh_token", "client_credentials");
        assertThat(harness.sandbox.stats().requests()).anyMatch(r -> r.path().equals("/connect/revocation") && r.status() == 200);

        Set<String> secrets = flows.secretsSeen();
        // client secret, state, code, verifier, Basic, 3 access tokens, 2 refresh tokens (the rotated one revoked)
        assertThat(secrets).hasSizeGreaterThanOrEqualTo(10);
        assertThat(logs.getAll()).as("the loggers really were at TRACE").contains(" TRACE ");
        assertThat(leaks(logs.getAll(), secrets)).as("log lines with a secret (shown as <SECRET>)").isEmpty();
        // the commands' own output: only the consent URL connect prints carries a value (its state, by design)
        String printed = TerminalCommand.AUTHORIZE_URL.matcher(flows.commandOutput).replaceAll("<consent URL>");
        assertThat(leaks(printed, secrets)).as("command output with a secret (shown as <SECRET>)").isEmpty();
    }

    /** The first line each secret appears in, with the secret masked. */
    static List<String> leaks(String output, Set<String> secrets) {
        List<String> found = new java.util.ArrayList<>();
        for (String secret : secrets) {
            int at = output.indexOf(secret);
            if (at >= 0) {
                int start = output.lastIndexOf('\n', at) + 1;
                int end = output.indexOf('\n', at);
                String line = output.substring(start, end < 0 ? output.length() : end).replace(secret, "<SECRET>");
                found.add(line.length() > 220 ? line.substring(0, 220) + "…" : line);
            }
        }
        return found;
    }

    private JdbcTemplate connectorDb() {
        Map<String, String> p = flows.harness.properties();
        return new JdbcTemplate(new DriverManagerDataSource(flows.harness.connectorUrl, p.get("spring.datasource.username"),
                p.get("spring.datasource.password")));
    }
}
