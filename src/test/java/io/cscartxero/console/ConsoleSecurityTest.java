package io.cscartxero.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import io.cscartxero.testsupport.ConnectorHarness;
import io.cscartxero.testsupport.StoreGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The console's security rules over real HTTP (serve's Tomcat): anonymous pages go to the login, anonymous or forged
 * POSTs are refused (CSRF), a wrong password is refused, the session cookie is HttpOnly and SameSite=Lax, Actuator is
 * exactly as without the console, every page renders without a secret, and the console is off by default and refuses
 * to start without a password.
 */
class ConsoleSecurityTest {

    static final String PASSWORD = "correct horse battery staple";

    private static ConnectorHarness harness;
    private static ConfigurableApplicationContext app;
    private static int port;

    @BeforeAll
    static void start() {
        harness = ConnectorHarness.start();
        new StoreGenerator(harness.cscart.dataSource(), ConnectorHarness.PREFIX, 15L).customers(12);
        harness.set("console.enabled", "true").set("console.password", PASSWORD)
                .set("cscart.admin-url", "https://shop.example.com/admin.php");
        app = harness.startServeApp();
        port = ((WebServerApplicationContext) app).getWebServer().getPort();
        ConnectorHarness.jobs(app).run("customerExportJob", Map.of());
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    private static JdbcTemplate jdbc() {
        return app.getBean(JdbcTemplate.class);
    }

    @Test
    void anonymousPagesGoToTheLoginAndAnonymousActionsAreRefused() throws Exception {
        ConsoleHttp anonymous = new ConsoleHttp(port);
        for (String page : List.of("/console", "/console/", "/console/executions", "/console/errors", "/console/errors.csv",
                "/console/setup", "/console/reconciliation", "/console/charts", "/console/audit", "/console/executions/1")) {
            HttpResponse<String> response = anonymous.get(page);
            assertThat(response.statusCode()).as(page).isEqualTo(302);
            assertThat(response.headers().firstValue("Location")).as(page).hasValueSatisfying(l -> assertThat(l).endsWith("/console/login"));
        }
        long executions = executions();
        // a POST without a session and without a token: refused before anything runs
        assertThat(anonymous.post("/console/executions/run", Map.of("job", "customerExportJob")).statusCode()).isEqualTo(403);
        // with a valid CSRF token of an anonymous session, still no run: not signed in
        HttpResponse<String> withToken = anonymous.submit("/console/login", "/console/executions/run", Map.of("job", "customerExportJob"));
        assertThat(withToken.statusCode()).isEqualTo(302);
        assertThat(withToken.headers().firstValue("Location").orElseThrow()).endsWith("/console/login");
        assertThat(executions()).isEqualTo(executions);
        assertThat(anonymous.get("/console/login").statusCode()).isEqualTo(200);
        assertThat(anonymous.get("/console/console.css").statusCode()).isEqualTo(200);
    }

    @Test
    void aWrongPasswordIsRefusedAndAuditedTheRightOneSignsIn() throws Exception {
        ConsoleHttp browser = new ConsoleHttp(port);
        HttpResponse<String> wrong = browser.login("operator", "not the password");
        assertThat(wrong.headers().firstValue("Location").orElseThrow()).endsWith("/console/login?error");
        assertThat(browser.get("/console/").statusCode()).isEqualTo(302);

        HttpResponse<String> right = browser.login("operator", PASSWORD);
        assertThat(right.statusCode()).isEqualTo(302);
        assertThat(right.headers().firstValue("Location").orElseThrow()).contains("/console/");
        assertThat(right.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie).startsWith("JSESSIONID=")
                .contains("HttpOnly").contains("SameSite=Lax").doesNotContain("Secure"));   // plain HTTP: not Secure
        HttpResponse<String> dashboard = browser.get("/console/");
        assertThat(dashboard.statusCode()).isEqualTo(200);
        assertThat(dashboard.body()).contains("customerExportJob").contains("COMPLETED");
        assertThat(dashboard.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("default-src 'none'");
        assertThat(dashboard.headers().firstValue("X-Frame-Options")).hasValue("DENY");

        assertThat(jdbc().queryForList("SELECT action FROM console_audit WHERE action IN ('LOGIN', 'LOGIN_REFUSED') ORDER BY id", String.class))
                .containsSubsequence("LOGIN_REFUSED", "LOGIN");
        assertThat(jdbc().queryForList("SELECT detail FROM console_audit", String.class)).noneMatch(d -> d != null && d.contains(PASSWORD));
    }

    @Test
    void aSignedInPostWithoutTheCsrfTokenIsRefusedAndRunsNothing() throws Exception {
        ConsoleHttp browser = new ConsoleHttp(port);
        browser.login("operator", PASSWORD);
        long executions = executions();
        HttpResponse<String> forged = browser.post("/console/executions/run", Map.of("job", "customerExportJob"));
        assertThat(forged.statusCode()).isEqualTo(403);
        HttpResponse<String> wrongToken = browser.post("/console/executions/run", Map.of("job", "customerExportJob", "_csrf", "forged"));
        assertThat(wrongToken.statusCode()).isEqualTo(403);
        assertThat(browser.post("/console/setup/disconnect", Map.of()).statusCode()).isEqualTo(403);
        // a forged POST from another site arrives without the session cookie (SameSite=Lax): refused, and no new session
        // cookie comes back to replace the operator's
        HttpResponse<String> crossSite = new ConsoleHttp(port).post("/console/executions/run", Map.of("job", "customerExportJob"));
        assertThat(crossSite.statusCode()).isEqualTo(403);
        assertThat(crossSite.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(executions()).isEqualTo(executions);
        assertThat(browser.get("/console/").statusCode()).as("still signed in").isEqualTo(200);
    }

    @Test
    void actuatorIsServedAsWithoutTheConsole() throws Exception {
        ConsoleHttp anyone = new ConsoleHttp(port);
        HttpResponse<String> health = anyone.get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"cscartDatabase\"").contains("lastRun");   // details to a caller on this machine
        assertThat(health.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(health.headers().firstValue("Content-Security-Policy")).isEmpty();   // Spring Security's headers: console only
        assertThat(health.headers().firstValue("Cache-Control")).isEmpty();
        assertThat(anyone.get("/actuator/health", "X-Forwarded-For", "203.0.113.9").body()).contains("\"status\":\"UP\"")
                .doesNotContain("cscartDatabase");   // forwarded: no details, as without the console
        assertThat(anyone.get("/actuator/prometheus").body()).contains("cscartxero_records_synced_total");
    }

    @Test
    void everyPageRendersWithoutASecret() throws Exception {
        jdbc().update("INSERT INTO reconcile_run (tenant_id, period_from, started_at, finished_at, store_sales, xero_sales, "
                + "difference_count, repairable_count, xero_calls) VALUES ('t', DATE '2026-01-01', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, "
                + "100.00, 90.00, 1, 1, 3)");
        long run = jdbc().queryForObject("SELECT MAX(id) FROM reconcile_run", Long.class);
        jdbc().update("INSERT INTO reconcile_difference (run_id, kind, entity, cscart_id, xero_id, xero_number, store_value, xero_value, "
                + "amount, repairable, message) VALUES (?, 'TOTAL_DIFFERS', 'INVOICE', '7', '0f8d2b0e-6a4b-4d4e-9c1f-1b2c3d4e5f60', "
                + "'CS-7', '100.00', '90.00', 10.00, TRUE, 'Total differs')", run);
        ConsoleHttp browser = new ConsoleHttp(port);
        browser.login("operator", PASSWORD);
        String check = browser.submit("/console/setup", "/console/setup/check", Map.of()).body();
        // every plan of check, each under its own heading: revenue accounts, taxes, payment accounts, refunds, tracking
        assertThat(check).contains("<h3>Store and connector</h3>", "<h3>Xero</h3>", "<h3>Revenue-account plan</h3>", "<h3>Tax plan</h3>",
                "<h3>Payment-account plan</h3>", "<h3>Refund plan</h3>", "<h3>Tracking plan</h3>");
        assertThat(check.substring(check.indexOf("id=\"check-tracking-plan\""))).contains("tracking")
                .doesNotContain("id=\"check-refund-plan\"");
        assertThat(check.substring(check.indexOf("id=\"check-refund-plan\""))).contains("refunds: cancelled paid orders");
        assertThat(check.substring(check.indexOf("id=\"check-revenue-account-plan\""))).contains("account plan");
        List<String> secrets = List.of(PASSWORD, harness.sandbox.settings().clientSecret(), harness.cscart.password());
        StringBuilder all = new StringBuilder();
        for (String page : List.of("/console/", "/console/executions", "/console/executions/1", "/console/errors", "/console/errors.csv",
                "/console/setup", "/console/reconciliation", "/console/reconciliation?run=" + run + "&kind=TOTAL_DIFFERS", "/console/charts",
                "/console/audit")) {
            HttpResponse<String> response = browser.get(page);
            assertThat(response.statusCode()).as(page).isEqualTo(200);
            all.append(response.body());
            for (String secret : secrets) {
                if (secret != null && !secret.isEmpty()) {
                    assertThat(response.body()).as(page).doesNotContain(secret);
                }
            }
            assertThat(response.body()).as(page).doesNotContainIgnoringCase("access_token").doesNotContainIgnoringCase("refresh_token")
                    .doesNotContain("{bcrypt}").doesNotContain("$2a$");
        }
        // a Xero token as stored (encrypted) and as used: never on a page
        jdbc().queryForList("SELECT refresh_token_enc FROM xero_token", String.class)
                .forEach(t -> assertThat(all.toString()).doesNotContain(t));
        String reconciliation = browser.get("/console/reconciliation?run=" + run).body();
        assertThat(reconciliation).contains("TOTAL_DIFFERS").contains("https://shop.example.com/admin.php?dispatch=orders.details&amp;order_id=7")
                .contains("https://go.xero.com/AccountsReceivable/View.aspx?InvoiceID=0f8d2b0e-6a4b-4d4e-9c1f-1b2c3d4e5f60");
    }

    @Test
    void theConsoleIsOffByDefaultAndRefusesToStartWithoutAPassword() throws Exception {
        try (ConnectorHarness plain = ConnectorHarness.start()) {
            ConfigurableApplicationContext off = plain.startServeApp();
            ConsoleHttp anyone = new ConsoleHttp(((WebServerApplicationContext) off).getWebServer().getPort());
            assertThat(anyone.get("/console/").statusCode()).isEqualTo(404);
            assertThat(anyone.get("/console/login").statusCode()).isEqualTo(404);
            assertThat(anyone.get("/actuator/health").statusCode()).isEqualTo(200);
            assertThat(off.getBeanNamesForType(org.springframework.security.web.SecurityFilterChain.class)).isEmpty();
            assertThat(off.containsBean("springSecurityFilterChain")).isFalse();

            plain.set("console.enabled", "true");
            Throwable failure = catchThrowable(plain::startServeApp);
            assertThat(root(failure))
                    .startsWith("console.enabled=true but console.password (CONSOLE_PASSWORD) is not set");
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            assertThat(plain.cli(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8), "serve", "--server.port=0"))
                    .isEqualTo(2);
            assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8))
                    .contains("Configuration error: console.enabled=true but console.password (CONSOLE_PASSWORD) is not set");
            plain.set("console.password", "short");
            assertThat(root(catchThrowable(plain::startServeApp)))
                    .contains("shorter than 12 characters");

            // behind an HTTPS proxy (server.forward-headers-strategy=native: Tomcat trusts X-Forwarded-Proto from a
            // local proxy) the session cookie is Secure; a {bcrypt} hash is taken as the password
            plain.set("console.password", "{bcrypt}" + new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder().encode(PASSWORD))
                    .set("server.forward-headers-strategy", "native");
            ConfigurableApplicationContext proxied = plain.startServeApp();
            ConsoleHttp viaProxy = new ConsoleHttp(((WebServerApplicationContext) proxied).getWebServer().getPort());
            HttpResponse<String> page = viaProxy.get("/console/login", "X-Forwarded-Proto", "https");
            assertThat(page.headers().allValues("Set-Cookie")).singleElement().satisfies(cookie -> assertThat(cookie)
                    .contains("Secure").contains("HttpOnly").contains("SameSite=Lax"));
            assertThat(viaProxy.login("operator", PASSWORD).headers().firstValue("Location").orElseThrow()).doesNotContain("error");
        }
    }

    @Test
    void theErrorLogDownloadsAsCsvAndTheDownloadIsAudited() throws Exception {
        jdbc().update("INSERT INTO sync_error (job_execution_id, job_name, step_name, entity, cscart_id, xero_id, message, payload_summary, "
                + "created_at) VALUES (999, 'orderExportJob', 'orderExportStep', 'INVOICE', '42', NULL, '=HYPERLINK(\"x\") \"quoted\"', "
                + "'Total=1.00', CURRENT_TIMESTAMP)");
        ConsoleHttp browser = new ConsoleHttp(port);
        browser.login("operator", PASSWORD);
        HttpResponse<String> csv = browser.get("/console/errors.csv?job=orderExportJob&cscartId=42");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow()).contains("attachment");
        assertThat(csv.body()).startsWith("\"time\",\"execution\",\"job\"").contains("\r\n")
                .contains("\"'=HYPERLINK(\"\"x\"\") \"\"quoted\"\"\"").contains("\"42\"").hasLineCount(2);
        String html = browser.get("/console/errors?q=hyperlink").body();
        assertThat(html).contains("=HYPERLINK(&quot;x&quot;)");
        assertThat(jdbc().queryForList("SELECT detail FROM console_audit WHERE action = 'CSV_DOWNLOAD'", String.class))
                .contains("errors job=orderExportJob cscartId=42");
    }

    /** A clock the test moves: the throttle's locks expire without sleeping. */
    static final class MovableClock extends java.time.Clock {
        private volatile java.time.Instant now;

        MovableClock(java.time.Instant now) {
            this.now = now;
        }

        void advance(java.time.Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return now;
        }
    }

    private static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElse("");
    }

    @Test
    void repeatedFailedSignInsLockTheUserNameAndTheAddressForAGrowingPeriod() throws Exception {
        LoginThrottle throttle = app.getBean(LoginThrottle.class);
        MovableClock clock = new MovableClock(java.time.Instant.parse("2026-12-03T10:00:00Z"));
        throttle.useClock(clock);
        long auditBefore = jdbc().queryForObject("SELECT COALESCE(MAX(id), 0) FROM console_audit", Long.class);
        try {
            ConsoleHttp browser = new ConsoleHttp(port);
            // 4 failures: still allowed to try, the right password signs in and clears the count
            for (int i = 0; i < LoginThrottle.USER_FAILURES - 1; i++) {
                assertThat(location(browser.login("operator", "guess " + i))).endsWith("/console/login?error");
            }
            assertThat(location(browser.login("operator", PASSWORD))).doesNotContain("error").doesNotContain("locked");
            // 5 failures in a row lock the user name for 1 minute: even the right password is refused, unchecked
            ConsoleHttp attacker = new ConsoleHttp(port);
            for (int i = 0; i < LoginThrottle.USER_FAILURES; i++) {
                assertThat(location(attacker.login("operator", "guess " + i))).endsWith("/console/login?error");
            }
            ConsoleHttp operator = new ConsoleHttp(port);
            assertThat(location(operator.login("operator", PASSWORD))).endsWith("/console/login?locked");
            assertThat(operator.get("/console/").statusCode()).as("not signed in").isEqualTo(302);
            String lockedPage = operator.get("/console/login?locked").body();
            assertThat(lockedPage).contains("Too many failed sign-ins").doesNotContain("operator").doesNotContainIgnoringCase("user name does not");
            // a user name that does not exist is locked the same way, with the same page
            ConsoleHttp other = new ConsoleHttp(port);
            for (int i = 0; i < LoginThrottle.USER_FAILURES; i++) {
                assertThat(location(other.login("nobody", "guess " + i))).endsWith("/console/login?error");
            }
            assertThat(location(other.login("nobody", "guess"))).endsWith("/console/login?locked");
            assertThat(other.get("/console/login?locked").body().replaceAll("name=\"_csrf\" value=\"[^\"]+\"", ""))
                    .isEqualTo(lockedPage.replaceAll("name=\"_csrf\" value=\"[^\"]+\"", ""));

            // after the minute, one more failure locks for 2 minutes (the period grows)
            clock.advance(java.time.Duration.ofSeconds(61));
            assertThat(location(attacker.login("operator", "guess 6"))).endsWith("/console/login?error");
            clock.advance(java.time.Duration.ofSeconds(61));
            assertThat(location(operator.login("operator", PASSWORD))).endsWith("/console/login?locked");
            clock.advance(java.time.Duration.ofSeconds(60));
            // the address has 11 failures by now (locked from the 10th): its lock of 2 minutes ran out as well
            assertThat(location(operator.login("operator", PASSWORD))).doesNotContain("error").doesNotContain("locked");
            assertThat(operator.get("/console/").statusCode()).isEqualTo(200);

            // per address: 10 failures over 10 user names from one address lock the address, for every user name
            for (int i = 0; i < LoginThrottle.ADDRESS_FAILURES; i++) {
                assertThat(location(attacker.login("user" + i, "guess"))).endsWith("/console/login?error");
            }
            assertThat(location(new ConsoleHttp(port).login("operator", PASSWORD))).endsWith("/console/login?locked");
            clock.advance(java.time.Duration.ofSeconds(61));
            assertThat(location(new ConsoleHttp(port).login("operator", PASSWORD))).doesNotContain("error").doesNotContain("locked");

            List<Map<String, Object>> audit = jdbc().queryForList("SELECT action, username, detail, outcome FROM console_audit WHERE id > ? "
                    + "AND action IN ('LOGIN_LOCKED', 'LOGIN_THROTTLED') ORDER BY id", auditBefore);
            assertThat(audit).extracting(r -> r.get("action") + " " + r.get("username")).containsSubsequence(
                    "LOGIN_LOCKED operator", "LOGIN_THROTTLED operator", "LOGIN_LOCKED nobody", "LOGIN_THROTTLED nobody",
                    "LOGIN_LOCKED operator", "LOGIN_THROTTLED operator", "LOGIN_LOCKED user9", "LOGIN_THROTTLED operator");
            assertThat(audit).filteredOn(r -> "LOGIN_LOCKED".equals(r.get("action"))).extracting(r -> (String) r.get("outcome"))
                    .contains("locked for 1 min until 2026-12-03T10:01:00Z", "locked for 2 min until 2026-12-03T10:03:01Z");
            assertThat(audit).extracting(r -> String.valueOf(r.get("detail"))).anyMatch(d -> d.startsWith("address 127.0.0.1 after 10 failed"));
        } finally {
            throttle.forgetAll();
            throttle.useClock(java.time.Clock.systemUTC());
        }
    }

    @Test
    void reconciliationRunsFromItsPageAndAnyKindOfDifferenceIsShown() throws Exception {
        ConsoleHttp browser = new ConsoleHttp(port);
        browser.login("operator", PASSWORD);
        long runsBefore = jdbc().queryForObject("SELECT COUNT(*) FROM reconcile_run", Long.class);
        assertThat(browser.post("/console/reconciliation/run", Map.of("since", "2025-01-01")).statusCode()).as("no CSRF token").isEqualTo(403);
        HttpResponse<String> run = browser.submit("/console/reconciliation", "/console/reconciliation/run",
                Map.of("since", "2025-01-01", "until", "2025-01-31"));
        assertThat(location(run)).endsWith("/console/reconciliation");
        String page = browser.get("/console/reconciliation").body();
        assertThat(page).contains("id=\"outcome\"").contains("reconcileJob");
        // the run goes on in the background through JobLaunchService: wait for its execution to end
        for (int i = 0; i < 600 && jdbc().queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE j "
                + "ON j.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID WHERE j.JOB_NAME = 'reconcileJob' AND e.END_TIME IS NOT NULL", Long.class) == 0; i++) {
            Thread.sleep(100);
        }
        assertThat(jdbc().queryForObject("SELECT COUNT(*) FROM reconcile_run", Long.class)).isEqualTo(runsBefore + 1);
        Map<String, Object> latest = jdbc().queryForMap("SELECT id, period_from, period_until, job_execution_id FROM reconcile_run "
                + "ORDER BY id DESC LIMIT 1");
        assertThat(latest.get("period_from").toString()).isEqualTo("2025-01-01");
        assertThat(latest.get("period_until").toString()).isEqualTo("2025-01-31");
        assertThat(latest.get("job_execution_id")).isNotNull();
        assertThat(jdbc().queryForList("SELECT detail FROM console_audit WHERE action = 'RUN'", String.class))
                .contains("run reconcileJob since=2025-01-01 until=2025-01-31");

        // a bad date is refused by JobLaunchService's parameter checks, and nothing runs
        long executions = executions();
        browser.submit("/console/reconciliation", "/console/reconciliation/run", Map.of("since", "January"));
        assertThat(browser.get("/console/reconciliation").body()).contains("class=\"note fail\"").contains("yyyy-mm-dd");
        assertThat(executions()).isEqualTo(executions);

        // kinds beyond V6's list, and one this build does not know, are listed, counted and filterable
        long id = ((Number) latest.get("id")).longValue();
        for (String kind : List.of("UNLINKED_INVOICE", "INVOICE_NOT_EXPECTED", "SOME_FUTURE_KIND")) {
            jdbc().update("INSERT INTO reconcile_difference (run_id, kind, entity, cscart_id, xero_number, amount, repairable, message) "
                    + "VALUES (?, ?, 'INVOICE', '9', 'CS-9', 0.00, FALSE, ?)", id, kind, "about " + kind);
        }
        String all = browser.get("/console/reconciliation?run=" + id).body();
        assertThat(all).contains("about UNLINKED_INVOICE", "about INVOICE_NOT_EXPECTED", "about SOME_FUTURE_KIND")
                .contains("<option value=\"MISSING_CONTACT\">MISSING_CONTACT</option>")   // every kind of this build, found or not
                .contains("UNLINKED_INVOICE (1)");
        String one = browser.get("/console/reconciliation?run=" + id + "&kind=SOME_FUTURE_KIND").body();
        assertThat(one).contains("about SOME_FUTURE_KIND").doesNotContain("about UNLINKED_INVOICE")
                .contains("<option value=\"SOME_FUTURE_KIND\" selected=\"selected\">");
        assertThat(browser.get("/console/reconciliation?run=" + id + "&kind=MISSING_ITEM").body()).contains("id=\"no-differences\"");
        // the dashboard's summary links to this run's differences
        assertThat(browser.get("/console/").body()).contains("href=\"/console/reconciliation?run=" + id + "#differences\"")
                .contains("href=\"/console/reconciliation?run=" + id + "&amp;kind=INVOICE_NOT_EXPECTED#differences\"");
    }

    private static String root(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    private static long executions() {
        return jdbc().queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION", Long.class);
    }
}
