package io.cscartxero.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import io.cscartxero.CsCartXeroApplication;
import io.cscartxero.cscart.StoreSettingsService;
import io.cscartxero.ops.AutoSync;
import io.cscartxero.ops.ExecutionHistory;
import io.cscartxero.ops.Schedules;
import io.cscartxero.testsupport.ConnectorHarness;
import io.cscartxero.testsupport.StoreGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code serve} with two tenants on their own schedules from one schedule file: tenant b's change jobs leave out
 * orderExportJob (its orders are not exported by a change run, tenant a's are), and b's nightly run is at 03:30 in
 * its own store time zone ({@code tenants.b.cscart.timezone}) where a's is at 02:00 in a's.
 */
class ServeTenantSchedulesTest {

    private static final String B = "00000000-0000-0000-0000-00000000000b";

    private ConnectorHarness harness;
    private ServeTenants serve;

    @AfterEach
    void close() {
        if (serve != null) {
            serve.stop();
        }
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void eachTenantRunsOnItsOwnScheduleAndAScheduleForAnUnknownTenantStopsServe(@TempDir Path dir) throws Exception {
        harness = ConnectorHarness.start(ConnectorHarness.fastSandbox(), true);
        StoreGenerator.populateStore(harness.cscart.dataSource(), ConnectorHarness.PREFIX, 8, 6, 10, 1402L);
        harness.sandbox.addCustomConnection("client-b", "secret-b", B, "Shop B Ltd");
        String a = harness.sandbox.settings().tenantId();
        harness.set("xero.tax-rates.create-missing", "true")
                .set("tenants.a.xero.tenant-id", a)
                .set("tenants.a.cscart.timezone", "Europe/Berlin")
                .set("tenants.b.xero.client-id", "client-b").set("tenants.b.xero.client-secret", "secret-b")
                .set("tenants.b.xero.tenant-id", B)
                .set("tenants.b.xero.invoice-number-prefix", "B-")
                .set("tenants.b.cscart.timezone", "Pacific/Auckland");

        // a schedule naming a tenant that is not configured: one line, exit 2, nothing served
        Path wrong = dir.resolve("wrong.properties");
        Files.writeString(wrong, "change.every=1h\ntenants.shop9.nightly.cron=0 0 3 * * *\n");
        ByteArrayOutputStream refused = new ByteArrayOutputStream();
        assertThat(harness.cli(new PrintStream(refused, true, StandardCharsets.UTF_8), "serve", "--schedule", wrong.toString(),
                "--server.port=0")).isEqualTo(2);
        assertThat(refused.toString(StandardCharsets.UTF_8)).contains("The schedule " + wrong
                + ": tenants.shop9.*: Unknown tenant 'shop9'. Configured tenants: a, b");

        Path file = dir.resolve("schedule.properties");
        Files.writeString(file, """
                change.every=1h
                change.jobs=customerExportJob,productExportJob,orderExportJob
                nightly.cron=0 0 2 * * *
                nightly.jobs=customerExportJob,productExportJob,orderExportJob,paymentExportJob
                tenants.b.change.every=15m
                tenants.b.change.jobs=customerExportJob,productExportJob
                tenants.b.nightly.cron=0 30 3 * * *
                """);
        Schedules schedules = Schedules.read(file);
        ConfigurableApplicationContext parent = harness.startServeApp();
        serve = new ServeTenants(CsCartXeroApplication.class, ServeTenantsTest.args(harness), parent, schedules, false, List.of("a", "b"), Duration.ofHours(1));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertThat(serve.start(new PrintStream(bytes, true, StandardCharsets.UTF_8))).isTrue();
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("Tenant a: serving" + System.lineSeparator(),
                "Tenant b: serving (its schedule: changes every PT15M [customerExportJob, productExportJob], nightly at '0 30 3 * * *' "
                        + "[customerExportJob, productExportJob, orderExportJob, paymentExportJob])");

        // the first change tick of each (at once on start): a exports its orders, b only its contacts and items
        ConfigurableApplicationContext ta = serve.tenants().get("a").context;
        ConfigurableApplicationContext tb = serve.tenants().get("b").context;
        ServeTenantsTest.awaitLastRun(ta, "orderExportJob");
        ServeTenantsTest.awaitLastRun(tb, "productExportJob");
        assertThat(harness.sandbox.invoices(a)).hasSizeGreaterThan(3);
        assertThat(harness.sandbox.contacts(B)).isNotEmpty();
        assertThat(harness.sandbox.items(B)).isNotEmpty();
        assertThat(harness.sandbox.invoices(B)).isEmpty();
        assertThat(tb.getBean(ExecutionHistory.class).recent("orderExportJob", 1)).isEmpty();
        assertThat(ta.getBean(ExecutionHistory.class).recent("orderExportJob", 1)).hasSize(1);

        // each nightly cron in its own store's zone, read at a fixed instant
        assertThat(ta.getBean(StoreSettingsService.class).settings().zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(tb.getBean(StoreSettingsService.class).settings().zone()).isEqualTo(ZoneId.of("Pacific/Auckland"));
        Instant noon = Instant.parse("2026-06-01T12:00:00Z");   // 14:00 in Berlin, midnight in Auckland
        AutoSync syncA = ta.getBean(AutoSync.class);
        AutoSync syncB = tb.getBean(AutoSync.class);
        assertThat(syncA.nextRun("paymentExportJob", noon)).contains(ZonedDateTime.parse("2026-06-02T02:00:00+02:00[Europe/Berlin]").toInstant());
        assertThat(syncB.nextRun("paymentExportJob", noon)).contains(ZonedDateTime.parse("2026-06-02T03:30:00+12:00[Pacific/Auckland]").toInstant());
        // orderExportJob: a change job of a's (within the hour), only nightly for b
        assertThat(syncB.nextRun("orderExportJob", noon)).contains(Instant.parse("2026-06-01T15:30:00Z"));
        Instant now = Instant.now();
        assertThat(syncA.nextRun("orderExportJob", now)).hasValueSatisfying(next -> assertThat(next).isAfter(now.plus(Duration.ofMinutes(30))));
        assertThat(syncB.nextRun("customerExportJob", now)).hasValueSatisfying(next -> assertThat(next).isBeforeOrEqualTo(now.plus(Duration.ofMinutes(15))));
    }
}
