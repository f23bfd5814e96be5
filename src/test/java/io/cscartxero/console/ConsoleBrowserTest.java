package io.cscartxero.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

import io.cscartxero.testsupport.ConnectorHarness;
import io.cscartxero.testsupport.StoreGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The console end to end in a real browser: headless Chromium (Debian's {@code chromium} and {@code chromium-driver};
 * {@code CONSOLE_TEST_CHROMIUM} / {@code CONSOLE_TEST_CHROMEDRIVER} point elsewhere) driven by Selenium against
 * {@code serve} with the console on, a generated store and the in-process sandbox. A wrong password is refused; a
 * run; a run that fails (the sandbox answers 500 to every call) and its restart from the console; the error search
 * with its links; the reconciliation page; a forged POST (no CSRF token, and one from another site) refused. Each
 * step leaves a screenshot in {@code target/console-screenshots/}. Skipped, saying why, where no browser exists.
 */
class ConsoleBrowserTest {

    static final String PASSWORD = "browser-test password 42";
    static final Path SHOTS = Path.of("target", "console-screenshots");

    private ConnectorHarness harness;
    private WebDriver browser;

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
        if (harness != null) {
            harness.close();
        }
    }

    static Path executable(String env, String... candidates) {
        String configured = System.getenv(env);
        if (configured != null && !configured.isBlank()) {
            return Files.isExecutable(Path.of(configured)) ? Path.of(configured) : null;
        }
        for (String c : candidates) {
            if (Files.isExecutable(Path.of(c))) {
                return Path.of(c);
            }
        }
        return null;
    }

    private WebDriver startBrowser() {
        Path chromium = executable("CONSOLE_TEST_CHROMIUM", "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");
        Path driver = executable("CONSOLE_TEST_CHROMEDRIVER", "/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");
        Assumptions.assumeTrue(chromium != null && driver != null, "No headless browser here: install Debian's chromium and "
                + "chromium-driver (apt-get install -y chromium chromium-driver; .ci/run does) to run the console's browser tests");
        System.setProperty("webdriver.chrome.driver", driver.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1360,1000",
                "--lang=en-GB", "--no-first-run", "--disable-extensions");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private void shot(String name) throws IOException {
        Files.createDirectories(SHOTS);
        Path file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(file, SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(250);
        }
    }

    private String statusOf(String base, long execution) {
        browser.get(base + "/console/executions/" + execution);
        return browser.findElement(By.id("status")).getText();
    }

    @Test
    void anOperatorSignsInRunsRestartsSearchesAndReadsTheReconciliation() throws Exception {
        browser = startBrowser();
        harness = ConnectorHarness.start();
        StoreGenerator store = new StoreGenerator(harness.cscart.dataSource(), ConnectorHarness.PREFIX, 42L);
        store.customers(30);
        store.products(20);
        long broken = harness.cscartJdbc().queryForObject("SELECT MIN(user_id) FROM cscart_users WHERE user_type = 'C'", Long.class);
        harness.cscartJdbc().update("UPDATE cscart_users SET email = 'jane.doe(at)example.com' WHERE user_id = ?", broken);
        harness.set("console.enabled", "true").set("console.password", PASSWORD).set("xero.max-attempts", "1")
                .set("cscart.admin-url", "https://shop.example.com/admin.php");
        ConfigurableApplicationContext app = harness.startServeApp();
        JdbcTemplate connector = app.getBean(JdbcTemplate.class);
        String base = "http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort();

        // sign in: a wrong password is refused
        browser.get(base + "/console/");
        assertThat(browser.getCurrentUrl()).endsWith("/console/login");
        browser.findElement(By.id("username")).sendKeys("operator");
        browser.findElement(By.id("password")).sendKeys("not the password");
        submit(By.id("login"));
        assertThat(browser.findElement(By.id("login-error")).getText()).contains("Wrong user name or password");
        shot("01-login-refused");
        browser.findElement(By.id("username")).sendKeys("operator");
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        submit(By.id("login"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Dashboard");

        // run customerExportJob from the executions page
        browser.get(base + "/console/executions");
        new Select(browser.findElement(By.id("job"))).selectByValue("customerExportJob");
        submit(By.id("run"));
        await("the customer export", Duration.ofSeconds(90), () -> count(connector, "customerExportJob", "COMPLETED") == 1);
        long customerRun = connector.queryForObject("SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION", Long.class);
        assertThat(statusOf(base, customerRun)).isEqualTo("COMPLETED");
        assertThat(browser.findElement(By.id("steps")).getText()).contains("customerExportStep");
        assertThat(harness.sandbox.contacts().size()).isEqualTo(30);
        browser.get(base + "/console/executions");
        shot("02-executions-run");

        // a run that fails: every Xero call answers 500 (and the client tries once)
        harness.sandbox.faults().failNext(10_000, 500);
        new Select(browser.findElement(By.id("job"))).selectByValue("productExportJob");
        submit(By.id("run"));
        await("the failed product export", Duration.ofSeconds(90), () -> count(connector, "productExportJob", "FAILED") == 1);
        long failed = connector.queryForObject("SELECT MAX(e.JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i "
                + "ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID WHERE i.JOB_NAME = 'productExportJob'", Long.class);
        assertThat(harness.sandbox.items()).isEmpty();
        browser.get(base + "/console/executions");
        assertThat(browser.findElement(By.id("exec-" + failed)).getText()).contains("FAILED");
        shot("03-executions-failed");

        // Xero answers again: restart the failed execution from the console
        harness.sandbox.faults().clear();
        submit(By.id("restart-" + failed));
        await("the restarted product export", Duration.ofSeconds(90), () -> "COMPLETED".equals(
                connector.queryForObject("SELECT STATUS FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = (SELECT MAX(JOB_EXECUTION_ID) "
                        + "FROM BATCH_JOB_EXECUTION)", String.class)));
        long restarted = connector.queryForObject("SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION", Long.class);
        assertThat(connector.queryForObject("SELECT JOB_INSTANCE_ID FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?", Long.class, restarted))
                .as("the restart continues the failed execution's instance")
                .isEqualTo(connector.queryForObject("SELECT JOB_INSTANCE_ID FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?", Long.class, failed));
        assertThat(harness.sandbox.items().size()).isEqualTo(20);
        browser.get(base + "/console/executions");
        assertThat(browser.findElement(By.id("exec-" + restarted)).getText()).contains("COMPLETED");
        shot("04-executions-restarted");

        // the error log: search by message and CS-Cart id; links to the customer in CS-Cart and the contact in Xero
        browser.get(base + "/console/errors");
        browser.findElement(By.id("error-q")).sendKeys("without an e-mail");
        browser.findElement(By.id("error-cscart-id")).sendKeys(Long.toString(broken));
        submit(By.id("search"));
        assertThat(browser.findElement(By.id("error-count")).getText()).isEqualTo("1");
        WebElement row = browser.findElement(By.cssSelector("#errors tbody tr"));
        assertThat(row.getText()).contains("Warning: customer " + broken).contains("customerExportJob");
        assertThat(row.findElement(By.className("cscart-link")).getAttribute("href"))
                .isEqualTo("https://shop.example.com/admin.php?dispatch=profiles.update&user_id=" + broken);
        assertThat(row.findElement(By.className("xero-link")).getAttribute("href")).startsWith("https://go.xero.com/Contacts/View/");
        shot("05-error-search");
        browser.findElement(By.id("error-q")).clear();
        browser.findElement(By.id("error-q")).sendKeys("no such message anywhere");
        submit(By.id("search"));
        assertThat(browser.findElement(By.id("error-count")).getText()).isEqualTo("0");

        // the reconciliation page over fixture rows of reconcileJob's tables
        connector.update("INSERT INTO reconcile_run (tenant_id, job_execution_id, period_from, period_until, started_at, finished_at, "
                + "store_sales, xero_sales, difference_count, repairable_count, xero_calls) VALUES ('t', NULL, DATE '2026-11-01', "
                + "DATE '2026-11-30', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1520.40, 1398.15, 3, 2, 4)");
        long run = connector.queryForObject("SELECT MAX(id) FROM reconcile_run", Long.class);
        String diff = "INSERT INTO reconcile_difference (run_id, kind, entity, cscart_id, xero_id, xero_number, store_value, xero_value, "
                + "amount, repairable, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        connector.update(diff, run, "MISSING_INVOICE", "INVOICE", "101", null, null, "112.25", null, new java.math.BigDecimal("112.25"),
                true, "Order 101 (P) has no invoice in Xero");
        connector.update(diff, run, "TOTAL_DIFFERS", "INVOICE", "102", "6b1f0c8e-2f4a-4a57-9d0e-0c2b6a1e7f31", "CS-102", "60.00", "50.00",
                new java.math.BigDecimal("10.00"), true, "Invoice CS-102: Total 50.00 in Xero, the order says 60.00");
        connector.update(diff, run, "VOIDED_IN_XERO", "INVOICE", "103", "0d6e4f7a-1b2c-4d3e-8f9a-0b1c2d3e4f5a", "CS-103", "PAID",
                "VOIDED", null, false, "Invoice CS-103 was voided in Xero; the order is still paid");
        browser.get(base + "/console/reconciliation");
        assertThat(browser.findElement(By.id("run-" + run)).getText()).contains("1520.40").contains("1398.15").contains("122.25");
        new Select(browser.findElement(By.id("kind"))).selectByValue("TOTAL_DIFFERS");
        submit(By.id("filter-differences"));
        List<WebElement> rows = browser.findElements(By.cssSelector("#differences tbody tr"));
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).getText()).contains("CS-102").contains("60.00").contains("50.00");
        assertThat(rows.get(0).findElement(By.className("xero-link")).getAttribute("href"))
                .isEqualTo("https://go.xero.com/AccountsReceivable/View.aspx?InvoiceID=6b1f0c8e-2f4a-4a57-9d0e-0c2b6a1e7f31");
        browser.get(base + "/console/reconciliation?run=" + run);
        assertThat(browser.findElements(By.cssSelector("#differences tbody tr"))).hasSize(3);
        shot("06-reconciliation");

        // a forged POST: without the CSRF token (same page, the hidden field removed), and from another site
        long executions = connector.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION", Long.class);
        browser.get(base + "/console/executions");
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "var f = document.getElementById('run-form'); f.querySelector('input[name=_csrf]').remove(); f.submit();");
        await("the refusal", Duration.ofSeconds(10), () -> browser.getPageSource().contains("403") || browser.getPageSource().contains("Forbidden"));
        shot("07-csrf-refused");
        browser.get("data:text/html,<form method='post' action='" + base + "/console/executions/run'><input name='job' "
                + "value='customerExportJob'></form><script>document.forms[0].submit()</script>");
        await("the cross-site refusal", Duration.ofSeconds(10), () -> browser.getCurrentUrl().startsWith(base));
        assertThat(connector.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION", Long.class)).isEqualTo(executions);

        // dashboard, charts and audit with all of the above
        app.getBean(XeroCallSampler.class).sample();
        browser.get(base + "/console/");
        assertThat(browser.getCurrentUrl()).as("still signed in after the forged requests").isEqualTo(base + "/console/");
        assertThat(browser.findElement(By.id("job-customerExportJob")).getText()).contains("COMPLETED").contains("30");
        assertThat(browser.findElement(By.id("job-productExportJob")).getText()).contains("COMPLETED").contains("20");
        assertThat(browser.findElement(By.id("reconcile-summary")).getText()).contains("3 differences").contains("TOTAL_DIFFERS");
        shot("08-dashboard");
        browser.get(base + "/console/charts");
        assertThat(browser.findElements(By.cssSelector("#calls-chart rect.bar"))).hasSize(24);
        assertThat(Long.parseLong(browser.findElement(By.id("calls-24h")).getText().replace(",", ""))).isPositive();
        shot("09-charts");
        browser.get(base + "/console/audit");
        String audit = browser.findElement(By.id("audit")).getText();
        assertThat(audit).contains("LOGIN_REFUSED").contains("LOGIN").contains("RUN").contains("run customerExportJob")
                .contains("RESTART").contains("execution " + failed).doesNotContain(PASSWORD);
        shot("10-audit");
        browser.get(base + "/console/setup");
        submit(By.id("run-check"));
        assertThat(browser.findElement(By.id("check-summary")).getText()).containsAnyOf("checks passed", "checks failed");
        assertThat(browser.findElement(By.id("check")).getText()).contains("Tax plan").contains("✓")
                .contains("Revenue-account plan").contains("Payment-account plan").contains("Refund plan").contains("Tracking plan");
        shot("11-setup-check");
    }

    @Test
    void anOperatorConnectsAndDisconnectsXeroFromTheSetupPage() throws Exception {
        browser = startBrowser();
        harness = ConnectorHarness.start();
        String redirectUri = "http://localhost:" + io.cscartxero.testsupport.FreePorts.outsideEphemeralRange() + "/callback";
        harness.set("console.enabled", "true").set("console.password", PASSWORD).set("xero.grant", "refresh_token")
                .set("xero.tenant-id", "").set("xero.token-encryption-key", "Y29uc29sZS1icm93c2VyLXRlc3Qta2V5LTAxMjM0NTY=")
                .set("xero.redirect-uri", redirectUri).set("xero.callback-timeout", "60s");
        ConfigurableApplicationContext app = harness.startServeApp();
        String base = "http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort();
        browser.get(base + "/console/login");
        browser.findElement(By.id("username")).sendKeys("operator");
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        submit(By.id("login"));

        browser.get(base + "/console/setup");
        assertThat(browser.findElement(By.id("not-connected")).getText()).contains("Not connected");
        submit(By.id("connect"));
        String consent = browser.findElement(By.id("consent")).getAttribute("href");
        assertThat(consent).contains("code_challenge=").contains("state=").doesNotContain("code_verifier");
        if (!consent.contains(java.net.URLEncoder.encode(redirectUri, java.nio.charset.StandardCharsets.UTF_8))) {
            // seen twice in clean-clone runs: the callback address came out as http://localhost:1/callback (cause not
            // found yet); printed so that the next occurrence shows what was configured and what was sent
            System.out.println("[console connect] configured " + redirectUri + ", consent " + consent);
        }
        // Xero's consent screen (the sandbox consents at once) sends the operator's browser back to connect's callback.
        // Followed here with the JDK's client: Chromium refuses some ports on its own ("unsafe ports"), which says
        // nothing about the console.
        var http = java.net.http.HttpClient.newBuilder().followRedirects(java.net.http.HttpClient.Redirect.NORMAL).build();
        var back = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(consent)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(back.body()).as(back.uri().toString()).contains("Xero granted access");
        JdbcTemplate connector = app.getBean(JdbcTemplate.class);
        await("the connection (" + app.getBean(ConsoleActions.class).recent() + ")", Duration.ofSeconds(60),
                () -> connector.queryForObject("SELECT COUNT(*) FROM xero_token", Long.class) == 1);
        browser.get(base + "/console/setup");
        assertThat(browser.findElement(By.id("connected")).getText()).contains(harness.sandbox.settings().tenantId());
        assertThat(app.getBean(JdbcTemplate.class).queryForObject("SELECT COUNT(*) FROM xero_token", Long.class)).isEqualTo(1);
        shot("12-setup-connected");

        submit(By.id("disconnect"));
        assertThat(browser.findElement(By.id("outcome")).getText()).startsWith("Disconnected");
        assertThat(browser.findElements(By.id("not-connected"))).hasSize(1);
        assertThat(app.getBean(JdbcTemplate.class).queryForObject("SELECT COUNT(*) FROM xero_token", Long.class)).isZero();
        browser.get(base + "/console/audit");
        assertThat(browser.findElement(By.id("audit")).getText()).contains("CONNECT").contains("DISCONNECT");
    }

    /**
     * Clicks a form's button and waits until the browser has left the page (the clicked element is stale): a click
     * returns before the next page is there, and reading it at once could read the old page or a detached element.
     */
    private void submit(By button) {
        WebElement element = browser.findElement(button);
        element.click();
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(driver -> {
            try {
                element.isEnabled();
                return false;   // still the old page
            } catch (WebDriverException gone) {
                // stale, or (ChromeDriver, mid-navigation) "Node with given id does not belong to the document"
                return true;
            }
        });
    }

    private static long count(JdbcTemplate jdbc, String job, String status) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = "
                + "e.JOB_INSTANCE_ID WHERE i.JOB_NAME = ? AND e.STATUS = ?", Long.class, job, status);
    }
}
