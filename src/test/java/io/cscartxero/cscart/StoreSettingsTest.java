package io.cscartxero.cscart;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.cscartxero.cscart.StoreSettings;
import io.cscartxero.cscart.StoreSettingsService;
import io.cscartxero.ops.JobLaunchService;
import io.cscartxero.sandbox.SandboxInvoice;
import io.cscartxero.testsupport.ConnectorHarness;
import io.cscartxero.testsupport.StoreGenerator;
import io.cscartxero.testsupport.StoreTaxes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** The store's time zone, primary currency and default language come from the CS-Cart database; properties override them. */
class StoreSettingsTest {

    /** UTC+14 all year: an order placed after 10:00 UTC is dated the next day in the store. */
    static final ZoneId KIRITIMATI = ZoneId.of("Pacific/Kiritimati");

    private ConnectorHarness harness;

    @AfterEach
    void close() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void theStoresTimeZoneDatesTheInvoicesAndSince() {
        harness = ConnectorHarness.start();
        StoreGenerator.populateStore(harness.cscart.dataSource(), ConnectorHarness.PREFIX, 20, 15, 60, 71L);
        StoreTaxes.mapped(harness);
        JdbcTemplate store = harness.cscartJdbc();
        store.update("UPDATE cscart_settings_objects SET value = ? WHERE name = 'timezone'", KIRITIMATI.getId());
        ConfigurableApplicationContext app = harness.startApp();
        assertThat(app.getBean(StoreSettings.class)).isEqualTo(new StoreSettings(KIRITIMATI, "USD", "en"));

        JobLaunchService.Outcome outcome = ConnectorHarness.jobs(app).run("orderExportJob", Map.of("statuses", "P,C,O,F,D,B,I"));

        assertThat(outcome.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        List<SandboxInvoice> invoices = harness.sandbox.invoices();
        assertThat(invoices).isNotEmpty();
        int datedLaterThanUtc = 0;
        for (SandboxInvoice invoice : invoices) {
            long placed = store.queryForObject("SELECT timestamp FROM cscart_orders WHERE order_id = ?", Long.class,
                    Long.parseLong(invoice.invoiceNumber().substring(3)));
            LocalDate inStore = LocalDate.ofInstant(Instant.ofEpochSecond(placed), KIRITIMATI);
            assertThat(invoice.date()).as("date of %s placed at %s", invoice.invoiceNumber(), Instant.ofEpochSecond(placed)).isEqualTo(inStore);
            if (!inStore.equals(LocalDate.ofInstant(Instant.ofEpochSecond(placed), ZoneOffset.UTC))) {
                datedLaterThanUtc++;
            }
        }
        assertThat(datedLaterThanUtc).as("invoices whose store date differs from their UTC date").isPositive();

        // since=<date> starts at midnight in the store
        long median = store.queryForObject("SELECT timestamp FROM cscart_orders WHERE is_parent_order <> 'Y' AND status IN ('P','C') "
                + "ORDER BY timestamp LIMIT 1 OFFSET 10", Long.class);
        LocalDate since = LocalDate.ofInstant(Instant.ofEpochSecond(median), KIRITIMATI);
        long placedSince = store.queryForObject("SELECT COUNT(*) FROM cscart_orders WHERE status IN ('P','C') AND is_parent_order <> 'Y' "
                + "AND timestamp >= ?", Long.class, since.atStartOfDay(KIRITIMATI).toEpochSecond());
        var sinceRun = ConnectorHarness.jobs(app).run("orderExportJob", Map.of("since", since.toString(), "dryRun", "true"));
        assertThat(sinceRun.execution().getStepExecutions().stream().filter(s -> s.getStepName().equals("orderExportStep")).findFirst().orElseThrow().getReadCount()).isEqualTo(placedSince);

        // customers' since too: one registered at 12:00 UTC on 1 June is on 2 June in the store (UTC+14)
        long first = store.queryForObject("SELECT MIN(user_id) FROM cscart_users WHERE user_type = 'C'", Long.class);
        store.update("UPDATE cscart_users SET timestamp = ? WHERE user_id = ?",
                Instant.parse("2026-06-01T12:00:00Z").getEpochSecond(), first);
        LocalDate june2 = LocalDate.parse("2026-06-02");
        long registeredSince = store.queryForObject("SELECT COUNT(*) FROM cscart_users WHERE user_type = 'C' AND timestamp >= ?",
                Long.class, june2.atStartOfDay(KIRITIMATI).toEpochSecond());
        long registeredSinceUtc = store.queryForObject("SELECT COUNT(*) FROM cscart_users WHERE user_type = 'C' AND timestamp >= ?",
                Long.class, june2.atStartOfDay(java.time.ZoneOffset.UTC).toEpochSecond());
        assertThat(registeredSince).as("the store's day holds one more customer than the UTC day").isGreaterThan(registeredSinceUtc);
        var customersSince = ConnectorHarness.jobs(app).run("customerExportJob", Map.of("since", june2.toString(), "full", "true"));
        assertThat(customersSince.execution().getStepExecutions().iterator().next().getReadCount()).isEqualTo(registeredSince);
    }

    @Test
    void withoutTheSettingDatesAreUtcAndPropertiesOverrideTheStore() {
        harness = ConnectorHarness.start();
        JdbcTemplate store = harness.cscartJdbc();
        store.update("DELETE FROM cscart_settings_objects WHERE name = 'timezone'");
        store.update("UPDATE cscart_settings_objects SET value = 'fr' WHERE name = 'backend_default_language'");

        StoreSettingsService.Reading fromStore = harness.startApp().getBean(StoreSettingsService.class).reading();
        assertThat(fromStore.settings()).isEqualTo(new StoreSettings(ZoneOffset.UTC, "USD", "fr"));
        assertThat(fromStore.zoneSource()).contains("no 'timezone' setting");
        assertThat(fromStore.languageSource()).contains("backend_default_language");

        store.update("INSERT INTO cscart_settings_objects (edition_type, name, section_id, section_tab_id, type, value, position, is_global) "
                + "VALUES ('ROOT', 'timezone', 4, 0, 'S', 'America/Los_Angeles', 220, 'Y')");
        harness.set("cscart.timezone", "Europe/Berlin").set("cscart.language", "en");
        StoreSettingsService.Reading overridden = harness.startApp().getBean(StoreSettingsService.class).reading();
        assertThat(overridden.settings()).isEqualTo(new StoreSettings(ZoneId.of("Europe/Berlin"), "USD", "en"));
        assertThat(overridden.zoneSource()).contains("cscart.timezone").contains("America/Los_Angeles");
    }
}
