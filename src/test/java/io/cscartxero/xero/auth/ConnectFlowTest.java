package io.cscartxero.xero.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.cscartxero.ops.JobLaunchService;
import io.cscartxero.sandbox.RecordedRequest;
import io.cscartxero.sandbox.SandboxSettings;
import io.cscartxero.testsupport.ConnectorHarness;
import io.cscartxero.testsupport.TerminalCommand;
import io.cscartxero.testsupport.FreePorts;
import io.cscartxero.testsupport.StoreGenerator;
import io.cscartxero.xero.auth.TokenCipher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.batch.core.BatchStatus;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The operator's connection to Xero end to end against the sandbox: {@code connect} (the test plays the browser:
 * it opens the printed consent URL and follows the redirect to the local callback), the stored organisation and
 * encrypted tokens, a job using them, proactive refresh and rotation across a restart, {@code disconnect},
 * {@code status}, {@code errors --csv} and {@code purge}.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConnectFlowTest {

    /** A 256-bit key in base64, as {@code keygen --stdout} prints it. */
    private static final String KEY = "Q29ubmVjdEZsb3dUZXN0IGtleSAwMTIzNDU2Nzg5YWI=";
    private static final String SECOND_TENANT = "0b8c1f3e-5a44-4c2e-9d1a-7e6f2a9b3c4d";

    private final ExecutorService terminal = Executors.newCachedThreadPool();
    private final HttpClient browser = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    private ConnectorHarness harness;
    private String redirectUri;
    private final StringBuilder allOutput = new StringBuilder();

    @BeforeEach
    void start() throws Exception {
        startHarness(false);
    }

    private void startHarness(boolean connectorOnMariaDb) throws Exception {
        if (harness != null) {
            harness.close();
        }
        harness = ConnectorHarness.start(ConnectorHarness.fastSandbox(), connectorOnMariaDb);
        // connect binds this port itself, later: one the kernel will not hand to another socket meanwhile
        redirectUri = "http://localhost:" + FreePorts.outsideEphemeralRange() + "/callback";
        harness.set("xero.grant", "refresh_token").set("xero.tenant-id", "").set("xero.token-encryption-key", KEY)
                .set("xero.redirect-uri", redirectUri).set("xero.callback-timeout", "30s");
    }

    @AfterEach
    void close() {
        terminal.shutdownNow();
        if (harness != null) {
            harness.close();
        }
    }

    // ---- helpers ----

    private record Result(int exit, String out) {
    }

    /** A command running in the "terminal" while the test acts as the user's browser. */
    private final class Running {
        final TerminalCommand command;

        Running(String... args) {
            command = new TerminalCommand(terminal, harness, args);
        }

        String out() {
            return command.out();
        }

        String awaitAuthorizeUrl() throws InterruptedException {
            return command.awaitAuthorizeUrl(Duration.ofSeconds(60));
        }

        Result finish() throws Exception {
            int code = command.awaitExit(Duration.ofSeconds(60));
            allOutput.append(out());
            return new Result(code, out());
        }
    }

    private Result cli(String... command) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exit = harness.cli(new PrintStream(bytes, true, StandardCharsets.UTF_8), command);
        String out = bytes.toString(StandardCharsets.UTF_8);
        allOutput.append(out);
        return new Result(exit, out);
    }

    private HttpResponse<String> get(String url) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The user consents on Xero's screen; the browser follows the redirect to the connector's callback. */
    private HttpResponse<String> consent(String authorizeUrl) throws Exception {
        HttpResponse<String> xero = get(authorizeUrl);
        assertThat(xero.statusCode()).isEqualTo(302);
        String location = xero.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(redirectUri + "?code=");
        return get(location);
    }

    private Result connect(String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of("connect"));
        command.addAll(List.of(options));
        Running running = new Running(command.toArray(String[]::new));
        HttpResponse<String> callback = consent(running.awaitAuthorizeUrl());
        assertThat(callback.statusCode()).isEqualTo(200);
        return running.finish();
    }

    private JdbcTemplate connectorDb() {
        Map<String, String> p = harness.properties();
        return new JdbcTemplate(new DriverManagerDataSource(harness.connectorUrl, p.get("spring.datasource.username"),
                p.get("spring.datasource.password")));
    }

    private record Stored(String tenantId, String tenantName, String refreshToken, String accessToken) {
    }

    private Stored stored() {
        Map<String, Object> row = connectorDb().queryForMap("SELECT salt, tenant_id, tenant_name, refresh_token_enc, access_token_enc FROM xero_token");
        TokenCipher cipher = new TokenCipher(KEY);
        String salt = (String) row.get("salt");
        return new Stored((String) row.get("tenant_id"), (String) row.get("tenant_name"),
                cipher.decrypt(salt, (String) row.get("refresh_token_enc")), cipher.decrypt(salt, (String) row.get("access_token_enc")));
    }

    private int storedRows() {
        return connectorDb().queryForObject("SELECT COUNT(*) FROM xero_token", Integer.class);
    }

    private static Map<String, String> query(String url) {
        Map<String, String> params = new java.util.LinkedHashMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            params.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    private List<RecordedRequest> tokenRequests() {
        return harness.sandbox.stats().requests().stream().filter(r -> r.path().equals("/connect/token")).toList();
    }

    private String formValue(RecordedRequest request, String name) {
        for (String pair : request.body().split("&")) {
            if (pair.startsWith(name + "=")) {
                return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private int refreshWith(String refreshToken) throws Exception {
        String basic = Base64.getEncoder().encodeToString((harness.sandbox.settings().clientId() + ":"
                + harness.sandbox.settings().clientSecret()).getBytes(StandardCharsets.UTF_8));
        return browser.send(HttpRequest.newBuilder(URI.create(harness.sandbox.identityUrl() + "/connect/token"))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&refresh_token="
                        + URLEncoder.encode(refreshToken, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    /** Every secret the run has seen: client secret, bearer tokens, refresh tokens and PKCE verifiers sent to the sandbox. */
    private Set<String> secretsSeen() {
        Set<String> secrets = new HashSet<>();
        secrets.add(harness.sandbox.settings().clientSecret());
        for (RecordedRequest r : harness.sandbox.stats().requests()) {
            String auth = r.header("authorization");
            if (auth != null) {
                secrets.add(auth.substring(auth.indexOf(' ') + 1));
            }
            if (r.path().equals("/connect/token") || r.path().equals("/connect/revocation")) {
                for (String field : List.of("refresh_token", "code_verifier", "code", "token")) {
                    String value = formValue(r, field);
                    if (value != null) {
                        secrets.add(value);
                    }
                }
            }
        }
        return secrets;
    }

    private void assertNoSecretIn(String text) {
        Set<String> secrets = secretsSeen();
        assertThat(secrets).hasSizeGreaterThan(2);
        for (String secret : secrets) {
            assertThat(text).doesNotContain(secret);
        }
    }

    private static String s256(String verifier) throws Exception {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    }

    // ---- connect ----

    @Test
    void connectStoresTheOrganisationAndEncryptedTokensAndAJobUsesThem(CapturedOutput logs) throws Exception {
        new StoreGenerator(harness.cscart.dataSource(), ConnectorHarness.PREFIX, 41L).customers(20);
        assertThat(cli("status").out()).contains("not connected: run connect");

        Running running = new Running("connect");
        String url = running.awaitAuthorizeUrl();
        Map<String, String> params = query(url);
        assertThat(params).containsEntry("response_type", "code").containsEntry("client_id", "sandbox-client")
                .containsEntry("redirect_uri", redirectUri).containsEntry("code_challenge_method", "S256")
                .containsEntry("scope", "offline_access accounting.contacts accounting.settings accounting.transactions");
        assertThat(params.get("state")).hasSizeGreaterThanOrEqualTo(32);
        assertThat(params.get("code_challenge")).matches("[A-Za-z0-9_-]{43}");
        assertThat(running.out()).contains("Open this address in a browser").contains("Waiting up to 30 s");

        HttpResponse<String> callback = consent(url);
        assertThat(callback.statusCode()).isEqualTo(200);
        assertThat(callback.body()).contains("Xero granted access");
        Result connect = running.finish();
        assertThat(connect.exit()).as(connect.out()).isZero();
        assertThat(connect.out()).contains("Connected to Sandbox Company (CS-Cart demo) (tenant " + SandboxSettings.DEFAULT_TENANT_ID + ")")
                .contains("Jobs use this organisation (xero.tenant-id is not set).");

        // the code was exchanged with the verifier that belongs to the printed challenge
        RecordedRequest exchange = tokenRequests().get(0);
        assertThat(formValue(exchange, "grant_type")).isEqualTo("authorization_code");
        assertThat(s256(formValue(exchange, "code_verifier"))).isEqualTo(params.get("code_challenge"));
        assertThat(exchange.header("authorization")).startsWith("Basic ");

        // stored: the chosen organisation and the token set, encrypted (no plaintext anywhere in the database)
        Stored stored = stored();
        assertThat(stored.tenantId()).isEqualTo(SandboxSettings.DEFAULT_TENANT_ID);
        assertThat(stored.tenantName()).isEqualTo("Sandbox Company (CS-Cart demo)");
        RecordedRequest connections = harness.sandbox.stats().requests().stream().filter(r -> r.path().equals("/connections")).findFirst().orElseThrow();
        assertThat(connections.header("authorization")).isEqualTo("Bearer " + stored.accessToken());
        String dump = String.join("\n", connectorDb().queryForList("SCRIPT", String.class));
        assertThat(dump).contains("xero_token".toUpperCase()).doesNotContain(stored.accessToken()).doesNotContain(stored.refreshToken());
        assertThat(connectorDb().queryForObject("SELECT COUNT(*) FROM xero_token WHERE connection_id IS NOT NULL AND refresh_issued_at IS NOT NULL",
                Integer.class)).isEqualTo(1);

        // a job finds the organisation and the tokens without xero.tenant-id
        Result run = cli("run", "customerExportJob");
        assertThat(run.exit()).as(run.out()).isIn(JobLaunchService.EXIT_COMPLETED, JobLaunchService.EXIT_COMPLETED_WITH_SKIPS);
        assertThat(harness.sandbox.contacts()).isNotEmpty();
        List<RecordedRequest> api = harness.sandbox.stats().requests().stream().filter(r -> r.path().startsWith("/api.xro/")).toList();
        assertThat(api).isNotEmpty().allSatisfy(r -> {
            assertThat(r.header("xero-tenant-id")).isEqualTo(SandboxSettings.DEFAULT_TENANT_ID);
            assertThat(r.header("authorization")).isEqualTo("Bearer " + stored.accessToken());
        });
        assertThat(connectorDb().queryForList("SELECT DISTINCT tenant_id FROM sync_link", String.class))
                .containsExactly(SandboxSettings.DEFAULT_TENANT_ID);
        assertThat(tokenRequests()).hasSize(1);   // the stored access token was still valid: no refresh

        assertNoSecretIn(allOutput + logs.getAll());
    }

    @Test
    void aCallbackWithAnotherStateIsIgnoredAndNothingIsStored() throws Exception {
        harness.set("xero.callback-timeout", "3s");
        Running running = new Running("connect");
        running.awaitAuthorizeUrl();
        HttpResponse<String> forged = get(redirectUri + "?code=forged-code&state=not-the-state-we-sent");
        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(forged.body()).contains("Nothing was done");

        // connect ignores it and keeps waiting for Xero's answer, which never comes here
        Result result = running.finish();
        assertThat(result.exit()).isEqualTo(JobLaunchService.EXIT_FAILED);
        assertThat(result.out()).contains("No answer from Xero within 3 s").contains("Nothing was stored")
                .contains("1 request(s) to " + redirectUri + " without this attempt's state were ignored");
        assertThat(storedRows()).isZero();
        assertThat(harness.sandbox.stats().tokenRequests()).isZero();   // a forged code is never exchanged
    }

    @Test
    void severalOrganisationsNeedTenantAndTheChosenOneIsUsed() throws Exception {
        new StoreGenerator(harness.cscart.dataSource(), ConnectorHarness.PREFIX, 42L).customers(5);
        harness.sandbox.addOrganisation(SECOND_TENANT, "Second Company Ltd");

        Result undecided = connect();
        assertThat(undecided.exit()).isEqualTo(JobLaunchService.EXIT_USAGE);
        assertThat(undecided.out()).contains("The consent connected 2 organisations").contains("--tenant <id or name>")
                .contains(SandboxSettings.DEFAULT_TENANT_ID).contains("Sandbox Company (CS-Cart demo)")
                .contains(SECOND_TENANT).contains("Second Company Ltd").contains("Nothing was stored");
        assertThat(storedRows()).isZero();

        Result unknown = connect("--tenant", "Third Company");
        assertThat(unknown.exit()).isEqualTo(JobLaunchService.EXIT_USAGE);
        assertThat(unknown.out()).contains("No connected organisation is 'Third Company'").contains("Second Company Ltd");
        assertThat(storedRows()).isZero();

        Result chosen = connect("--tenant", "second company ltd");
        assertThat(chosen.exit()).as(chosen.out()).isZero();
        assertThat(chosen.out()).contains("Connected to Second Company Ltd (tenant " + SECOND_TENANT + ")");
        assertThat(stored().tenantId()).isEqualTo(SECOND_TENANT);

        Result run = cli("run", "customerExportJob");
        assertThat(run.exit()).as(run.out()).isIn(JobLaunchService.EXIT_COMPLETED, JobLaunchService.EXIT_COMPLETED_WITH_SKIPS);
        assertThat(harness.sandbox.stats().requests().stream().filter(r -> r.path().startsWith("/api.xro/")))
                .isNotEmpty().allSatisfy(r -> assertThat(r.header("xero-tenant-id")).isEqualTo(SECOND_TENANT));
        assertThat(harness.sandbox.contacts()).isEmpty();   // nothing went to the default organisation

        // reconnecting by tenant id replaces the stored organisation
        Result byId = connect("--tenant", SandboxSettings.DEFAULT_TENANT_ID);
        assertThat(byId.exit()).isZero();
        assertThat(stored().tenantId()).isEqualTo(SandboxSettings.DEFAULT_TENANT_ID);
        assertThat(storedRows()).isOne();
    }

    @Test
    void theTokenIsRefreshedBeforeItExpiresAndTheRotatedRefreshTokenSurvivesARestart(CapturedOutput logs) throws Exception {
        new StoreGenerator(harness.cscart.dataSource(), ConnectorHarness.PREFIX, 43L).customers(10);
        assertThat(connect().exit()).isZero();
        Stored first = stored();
        // 30 s left: within the connector's 60 s margin, still valid at Xero
        connectorDb().update("UPDATE xero_token SET access_expires_at = ?", Timestamp.from(Instant.now().plusSeconds(30)));

        ConfigurableApplicationContext app = harness.startApp();
        assertThat(ConnectorHarness.jobs(app).run("customerExportJob", Map.of()).execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        app.close();

        RecordedRequest refresh = tokenRequests().get(1);
        assertThat(formValue(refresh, "grant_type")).isEqualTo("refresh_token");
        assertThat(formValue(refresh, "refresh_token")).isEqualTo(first.refreshToken());
        Stored rotated = stored();
        assertThat(rotated.refreshToken()).isNotEqualTo(first.refreshToken());
        assertThat(rotated.accessToken()).isNotEqualTo(first.accessToken());
        assertThat(harness.sandbox.stats().requests()).noneMatch(r -> r.status() == 401);
        assertThat(harness.sandbox.stats().requests().stream().filter(r -> r.path().startsWith("/api.xro/")))
                .allSatisfy(r -> assertThat(r.header("authorization")).isEqualTo("Bearer " + rotated.accessToken()));

        // an hour later, in a new process: the access token expired and the first refresh token is past its grace
        harness.sandbox.clock().advance(Duration.ofMinutes(61));
        harness.cscartJdbc().update("UPDATE cscart_users SET phone = '+1 555 0101' WHERE user_type = 'C' ORDER BY user_id LIMIT 3");
        ConfigurableApplicationContext restarted = harness.startApp();
        var outcome = ConnectorHarness.jobs(restarted).run("customerExportJob", Map.of());
        assertThat(outcome.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(outcome.execution().getStepExecutions().iterator().next().getWriteCount()).isEqualTo(3);
        restarted.close();
        RecordedRequest secondRefresh = tokenRequests().get(tokenRequests().size() - 1);
        assertThat(formValue(secondRefresh, "refresh_token")).isEqualTo(rotated.refreshToken());
        assertThat(refreshWith(first.refreshToken())).isEqualTo(400);   // only the stored rotation works
        assertThat(stored().tenantId()).isEqualTo(SandboxSettings.DEFAULT_TENANT_ID);
        assertNoSecretIn(allOutput + logs.getAll());
    }

    @Test
    void aPkceAppWithoutClientSecretConnectsAndRefreshes() throws Exception {
        harness.set("xero.client-secret", "");
        new StoreGenerator(harness.cscart.dataSource(), ConnectorHarness.PREFIX, 44L).customers(5);
        assertThat(connect().exit()).isZero();
        connectorDb().update("UPDATE xero_token SET access_expires_at = ?", Timestamp.from(Instant.now().minusSeconds(5)));
        Result run = cli("run", "customerExportJob");
        assertThat(run.exit()).as(run.out()).isIn(JobLaunchService.EXIT_COMPLETED, JobLaunchService.EXIT_COMPLETED_WITH_SKIPS);
        assertThat(tokenRequests()).hasSize(2).allSatisfy(r -> {
            assertThat(r.header("authorization")).isNull();
            assertThat(formValue(r, "client_id")).isEqualTo("sandbox-client");
        });
        assertThat(formValue(tokenRequests().get(1), "grant_type")).isEqualTo("refresh_token");
    }

    @Test
    void aCustomConnectionNeedsNoConnectStep() {
        harness.set("xero.grant", "client_credentials").set("xero.tenant-id", SandboxSettings.DEFAULT_TENANT_ID);
        Result connect = cli("connect");
        assertThat(connect.exit()).isZero();
        assertThat(connect.out()).contains("custom connection needs no connect step");
        assertThat(cli("status").out()).contains("custom connection (xero.grant=client_credentials)");
        assertThat(harness.sandbox.stats().totalCalls()).isZero();
    }

    @Test
    void connectNeedsAUsableKeyAndALocalhostRedirect() {
        // no key at all is fine (connect creates the key file); one that is meant as a key but is not 256 bits is not
        harness.set("xero.token-encryption-key", KEY.substring(0, 42));
        assertThat(cli("connect")).satisfies(r -> {
            assertThat(r.exit()).isEqualTo(JobLaunchService.EXIT_USAGE);
            assertThat(r.out()).contains("xero.token-encryption-key is not a 256-bit key");
        });
        harness.set("xero.token-encryption-key", KEY).set("xero.redirect-uri", "https://example.com/callback");
        assertThat(cli("connect")).satisfies(r -> {
            assertThat(r.exit()).isEqualTo(JobLaunchService.EXIT_USAGE);
            assertThat(r.out()).contains("must be a http://localhost:<port>/<path> address");
        });
    }

    // ---- disconnect ----

    @Test
    void disconnectRevokesAtXeroAndDeletesTheStoredTokens() throws Exception {
        new StoreGenerator(harness.cscart.dataSource(), ConnectorHarness.PREFIX, 47L).customers(3);
        assertThat(connect().exit()).isZero();
        Stored stored = stored();

        Result disconnect = cli("disconnect");
        assertThat(disconnect.exit()).as(disconnect.out()).isZero();
        assertThat(disconnect.out()).contains("Disconnected from Sandbox Company (CS-Cart demo) (tenant " + SandboxSettings.DEFAULT_TENANT_ID
                + "): the connection is removed and the refresh token is revoked at Xero, and the stored tokens are deleted.");
        assertThat(storedRows()).isZero();
        assertThat(harness.sandbox.stats().requests()).anySatisfy(r -> {
            assertThat(r.method()).isEqualTo("DELETE");
            assertThat(r.path()).startsWith("/connections/");
            assertThat(r.status()).isEqualTo(204);
        });
        RecordedRequest revocation = harness.sandbox.stats().requests().stream().filter(r -> r.path().equals("/connect/revocation"))
                .findFirst().orElseThrow();
        assertThat(revocation.status()).isEqualTo(200);
        assertThat(refreshWith(stored.refreshToken())).isEqualTo(400);
        HttpResponse<String> connections = browser.send(HttpRequest.newBuilder(URI.create(harness.sandbox.baseUrl() + "/connections"))
                .header("Authorization", "Bearer " + stored.accessToken()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(connections.body()).isEqualTo("[]");

        assertThat(cli("disconnect").out()).contains("Not connected");
        Result run = cli("run", "customerExportJob");
        assertThat(run.exit()).isNotZero();
        assertThat(run.out()).contains("connect");
        assertThat(cli("status").out()).contains("not connected: run connect");
        assertNoSecretIn(allOutput.toString());
    }

    @Test
    void disconnectKeepsTheTokensWhenXeroCannotBeToldUnlessForced() throws Exception {
        assertThat(connect().exit()).isZero();
        harness.set("xero.identity-url", "http://localhost:1");   // Xero unreachable
        Result refused = cli("disconnect");
        assertThat(refused.exit()).isEqualTo(JobLaunchService.EXIT_FAILED);
        assertThat(refused.out()).contains("The stored tokens were kept").contains("disconnect --force");
        assertThat(storedRows()).isOne();
        Result forced = cli("disconnect", "--force");
        assertThat(forced.exit()).isZero();
        assertThat(forced.out()).contains("(--force)").contains("Connected apps");
        assertThat(storedRows()).isZero();
    }

    // ---- status ----

    @Test
    void statusShowsTheOrganisationTokensLastRunsAndDailyCallsLeft() throws Exception {
        new StoreGenerator(harness.cscart.dataSource(), ConnectorHarness.PREFIX, 45L).customers(12);
        assertThat(connect().exit()).isZero();
        Result run = cli("run", "customerExportJob");
        assertThat(run.exit()).isIn(0, 3);

        Result status = cli("status");
        assertThat(status.exit()).isZero();
        String out = status.out();
        assertThat(out).contains("standard app (xero.grant=refresh_token)")
                .contains("Organisation      Sandbox Company (CS-Cart demo) (tenant " + SandboxSettings.DEFAULT_TENANT_ID + ")")
                .containsPattern("Access token      valid until \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\S+ \\(in (29|30) min\\)")
                .containsPattern("Refresh token     present, issued [^;]+; expires if unused \\d{4}-\\d\\d-\\d\\d [^(]+\\(in (59|60) days\\)")
                .containsPattern("Daily calls left  4,9\\d\\d \\(as Xero reported it ")
                .containsPattern("customerExportJob\\s+\\d+\\s+COMPLETED\\s+COMPLETED( WITH SKIPS)?\\s+\\d{4}-\\d\\d-\\d\\dT[\\d:]+\\s+12\\s+\\d+\\s+0\\s+\\d+")
                .containsPattern("productExportJob\\s+-\\s+never run");
        // the value Xero reported last: 5,000 a day minus the calls made for the organisation
        long tenantCalls = harness.sandbox.stats().requests().stream().filter(r -> r.path().startsWith("/api.xro/")).count();
        assertThat(out).contains(String.format(java.util.Locale.ROOT, "%,d", 5000 - tenantCalls));
        assertNoSecretIn(allOutput.toString());
    }

    // ---- errors --csv ----

    @Test
    void errorsAsCsvParseAsRfc4180(CapturedOutput logs) {
        harness.set("xero.grant", "client_credentials").set("xero.tenant-id", SandboxSettings.DEFAULT_TENANT_ID);
        new StoreGenerator(harness.cscart.dataSource(), ConnectorHarness.PREFIX, 31L).customers(80);
        // the store's refused e-mails are warning rows (their customers reached Xero): exit 0, rows to export
        assertThat(cli("run", "customerExportJob").exit()).isEqualTo(JobLaunchService.EXIT_COMPLETED);
        JdbcTemplate db = connectorDb();
        long execution = db.queryForObject("SELECT MAX(job_execution_id) FROM sync_error", Long.class);
        String tricky = "Xero said: \"Name, please\"\r\nsecond line; 日本語 é";
        db.update("INSERT INTO sync_error (job_execution_id, job_name, step_name, entity, cscart_id, xero_id, message, payload_summary, created_at) "
                + "VALUES (?, 'customerExportJob', 'customerExportStep', 'CONTACT', '999', NULL, ?, ?, ?)",
                execution, tricky, "=HYPERLINK(\"http://evil\")", Timestamp.from(Instant.now()));
        int rows = db.queryForObject("SELECT COUNT(*) FROM sync_error", Integer.class);
        assertThat(rows).isGreaterThan(1);

        int logged = logs.getOut().length();
        Result csv = cli("errors", "--csv");
        assertThat(csv.exit()).isZero();
        assertThat(logs.getOut().substring(logged)).as("nothing but the CSV on stdout").isEmpty();
        List<List<String>> records = Rfc4180.parse(csv.out());
        assertThat(records.get(0)).containsExactly("id", "time_utc", "execution", "job", "step", "entity", "cscart_id", "xero_id", "message", "payload");
        assertThat(records).hasSize(rows + 1).allSatisfy(r -> assertThat(r).hasSize(10));
        List<String> mine = records.stream().filter(r -> r.get(6).equals("999")).findFirst().orElseThrow();
        assertThat(mine.get(8)).isEqualTo(tricky);
        assertThat(mine.get(9)).isEqualTo("'=HYPERLINK(\"http://evil\")");   // never a live formula in a spreadsheet
        assertThat(mine.get(7)).isEmpty();
        assertThat(mine.get(1)).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}");
        assertThat(records.subList(1, records.size())).anySatisfy(r -> assertThat(r.get(8)).contains("Email address must be valid."));

        assertThat(Rfc4180.parse(cli("errors", "--csv", "--limit", "2").out())).hasSize(3);
        assertThat(Rfc4180.parse(cli("errors", "--csv", "--job", "noSuchJob").out())).hasSize(1);
    }

    /** A strict RFC 4180 reader: CRLF record ends, quoted fields with doubled quotes; anything else fails. */
    static final class Rfc4180 {
        static List<List<String>> parse(String text) {
            List<List<String>> records = new ArrayList<>();
            List<String> record = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            int i = 0;
            boolean fieldStart = true;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (fieldStart && c == '"') {
                    i++;
                    while (true) {
                        if (i >= text.length()) {
                            throw new AssertionError("unterminated quoted field");
                        }
                        char q = text.charAt(i);
                        if (q == '"') {
                            if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                                field.append('"');
                                i += 2;
                                continue;
                            }
                            i++;
                            break;
                        }
                        field.append(q);
                        i++;
                    }
                    assertThat(i == text.length() || text.charAt(i) == ',' || text.charAt(i) == '\r')
                            .as("a closing quote is followed by a comma or CRLF").isTrue();
                    fieldStart = false;
                    continue;
                }
                if (c == ',') {
                    record.add(field.toString());
                    field.setLength(0);
                    fieldStart = true;
                    i++;
                } else if (c == '\r') {
                    assertThat(text.charAt(i + 1)).as("CR must be followed by LF").isEqualTo('\n');
                    record.add(field.toString());
                    field.setLength(0);
                    records.add(record);
                    record = new ArrayList<>();
                    fieldStart = true;
                    i += 2;
                } else {
                    assertThat(c).as("bare LF or quote inside an unquoted field").isNotIn('\n', '"');
                    field.append(c);
                    fieldStart = false;
                    i++;
                }
            }
            assertThat(record).as("the last record ends with CRLF").isEmpty();
            assertThat(field.length()).isZero();
            return records;
        }
    }

    // ---- purge ----

    @Test
    void purgeRemovesOldHistoryButKeepsLinksRunningAndLastExecutions() throws Exception {
        startHarness(true);   // the connector database on MariaDB: the SQL must be portable
        harness.set("xero.grant", "client_credentials").set("xero.tenant-id", SandboxSettings.DEFAULT_TENANT_ID);
        new StoreGenerator(harness.cscart.dataSource(), ConnectorHarness.PREFIX, 46L).customers(15);
        for (int i = 0; i < 3; i++) {
            harness.cscartJdbc().update("UPDATE cscart_users SET phone = ? WHERE user_type = 'C' ORDER BY user_id LIMIT 1", "+1 555 020" + i);
            assertThat(cli("run", "customerExportJob").exit()).isIn(0, 3);
        }
        assertThat(cli("run", "productExportJob").exit()).isZero();
        JdbcTemplate db = connectorDb();
        List<Long> customerRuns = db.queryForList("SELECT e.JOB_EXECUTION_ID FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i "
                + "ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID WHERE i.JOB_NAME = 'customerExportJob' ORDER BY e.JOB_EXECUTION_ID", Long.class);
        long productRun = db.queryForObject("SELECT e.JOB_EXECUTION_ID FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i "
                + "ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID WHERE i.JOB_NAME = 'productExportJob'", Long.class);
        assertThat(customerRuns).hasSize(3);
        List<Long> old = List.of(customerRuns.get(0), customerRuns.get(1));
        LocalDateTime longAgo = LocalDateTime.now().minusDays(100);
        for (long id : List.of(customerRuns.get(0), customerRuns.get(1), productRun)) {
            db.update("UPDATE BATCH_JOB_EXECUTION SET CREATE_TIME = ?, START_TIME = ?, END_TIME = ? WHERE JOB_EXECUTION_ID = ?",
                    longAgo, longAgo, longAgo.plusMinutes(1), id);
        }
        // an execution that never ended (a dead process) is kept whatever its age
        long deadInstance = db.queryForObject("SELECT JOB_INSTANCE_ID FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?", Long.class, customerRuns.get(1));
        db.update("INSERT INTO BATCH_JOB_EXECUTION (JOB_EXECUTION_ID, VERSION, JOB_INSTANCE_ID, CREATE_TIME, START_TIME, END_TIME, STATUS, EXIT_CODE, EXIT_MESSAGE, LAST_UPDATED) "
                + "VALUES (?, 1, ?, ?, ?, NULL, 'STARTED', 'UNKNOWN', '', ?)", 900_000L, deadInstance, longAgo, longAgo, longAgo);
        for (int i = 0; i < 3; i++) {
            db.update("INSERT INTO sync_error (job_execution_id, job_name, step_name, entity, cscart_id, message, created_at) "
                    + "VALUES (?, 'customerExportJob', 'customerExportStep', 'CONTACT', ?, 'Email address must be valid.', ?)",
                    customerRuns.get(i), "7" + i, Timestamp.from(Instant.now().minus(Duration.ofDays(i < 2 ? 100 : 1))));
        }
        long errorsBefore = db.queryForObject("SELECT COUNT(*) FROM sync_error", Long.class);
        long oldErrors = 2;
        long links = db.queryForObject("SELECT COUNT(*) FROM sync_link", Long.class);
        long oldSteps = db.queryForObject("SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID IN (?, ?)", Long.class, old.get(0), old.get(1));
        long oldParams = db.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION_PARAMS WHERE JOB_EXECUTION_ID IN (?, ?)", Long.class, old.get(0), old.get(1));
        assertThat(links).isGreaterThan(0);
        assertThat(oldSteps).isEqualTo(2);
        assertThat(oldParams).isGreaterThan(0);
        long writes = harness.sandbox.stats().writeCalls();

        assertThat(cli("purge", "--older-than", "soon").exit()).isEqualTo(JobLaunchService.EXIT_USAGE);
        assertThat(cli("purge").exit()).isEqualTo(JobLaunchService.EXIT_USAGE);
        Result purge = cli("purge", "--older-than", "90d");
        assertThat(purge.exit()).as(purge.out()).isZero();
        assertThat(purge.out()).containsPattern("error log rows\\s+" + oldErrors + "\\b")
                .containsPattern("job executions\\s+2\\b").containsPattern("step executions\\s+2\\b")
                .containsPattern("execution contexts\\s+4\\b").containsPattern("execution parameters\\s+" + oldParams + "\\b")
                .containsPattern("job instances\\s+1\\b")   // the other instance still has the never-ended execution
                .contains("Kept: all " + links + " links");

        assertThat(db.queryForObject("SELECT COUNT(*) FROM sync_link", Long.class)).isEqualTo(links);
        assertThat(db.queryForObject("SELECT COUNT(*) FROM sync_error", Long.class)).isEqualTo(errorsBefore - oldErrors);
        assertThat(db.queryForList("SELECT JOB_EXECUTION_ID FROM BATCH_JOB_EXECUTION ORDER BY JOB_EXECUTION_ID", Long.class))
                .containsExactlyInAnyOrder(customerRuns.get(2), productRun, 900_000L);
        for (String table : List.of("BATCH_STEP_EXECUTION", "BATCH_JOB_EXECUTION_CONTEXT", "BATCH_JOB_EXECUTION_PARAMS")) {
            assertThat(db.queryForObject("SELECT COUNT(*) FROM " + table + " WHERE JOB_EXECUTION_ID IN (?, ?)", Long.class, old.get(0), old.get(1)))
                    .as(table).isZero();
        }
        assertThat(db.queryForObject("SELECT COUNT(*) FROM BATCH_STEP_EXECUTION_CONTEXT c WHERE NOT EXISTS "
                + "(SELECT 1 FROM BATCH_STEP_EXECUTION s WHERE s.STEP_EXECUTION_ID = c.STEP_EXECUTION_ID)", Long.class)).isZero();
        assertThat(db.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE WHERE JOB_INSTANCE_ID = ?", Long.class, deadInstance)).isOne();

        // the links still say what Xero has: a new run sends nothing again
        db.update("DELETE FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = 900000");
        Result rerun = cli("run", "customerExportJob");
        assertThat(rerun.exit()).isIn(0, 3);
        assertThat(harness.sandbox.stats().writeCalls()).isEqualTo(writes);
        assertThat(cli("purge", "--older-than", "90d").out()).containsPattern("job executions\\s+0\\b");
    }
}
