package io.cscartxero.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import io.cscartxero.testsupport.ConnectorHarness;
import io.cscartxero.testsupport.StoreGenerator;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** The console's SQL (and migration V10) on a MariaDB connector database, in MariaDB's strict mode. */
class ConsoleQueriesMariaDbTest {

    @Test
    void everyQueryOfTheConsoleRunsOnMariaDb() {
        try (ConnectorHarness harness = ConnectorHarness.start(ConnectorHarness.fastSandbox(), true)) {
            long broken = new StoreGenerator(harness.cscart.dataSource(), ConnectorHarness.PREFIX, 7L).customers(8).get(0).userId();
            harness.cscartJdbc().update("UPDATE cscart_users SET email = 'x(at)example.com' WHERE user_id = ?", broken);
            harness.set("console.enabled", "true").set("console.password", "mariadb console password");
            ConfigurableApplicationContext app = harness.startServeApp();
            ConnectorHarness.jobs(app).run("customerExportJob", Map.of());
            ConsoleQueries queries = app.getBean(ConsoleQueries.class);
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);

            List<ConsoleQueries.Execution> runs = queries.executions("customerExportJob", "COMPLETED", LocalDate.now().minusDays(1),
                    LocalDate.now(), 10);
            assertThat(runs).singleElement().satisfies(e -> assertThat(e.written()).isEqualTo(8));
            assertThat(queries.steps(runs.get(0).id())).extracting(ConsoleQueries.Step::name).containsExactly("customerExportStep");
            assertThat(queries.parameters(runs.get(0).id())).containsKey("run.id");
            assertThat(queries.errors(ConsoleQueries.ErrorFilter.of("customerExportJob", "CONTACT", Long.toString(broken), "E-MAIL", null), 10))
                    .singleElement().satisfies(r -> assertThat(r.message()).startsWith("Warning: customer " + broken));
            assertThat(queries.errors(ConsoleQueries.ErrorFilter.of(null, null, null, "100%_!", null), 10)).isEmpty();
            assertThat(queries.errorCounts().get("customerExportJob")).containsExactly(1, 1);
            assertThat(queries.recordsPerDay(LocalDate.now(), 30)).hasSize(30).last().extracting(ConsoleQueries.Bar::value).isEqualTo(8L);

            Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
            queries.addCalls(hour, 5);
            queries.addCalls(hour, 7);
            assertThat(queries.callsPerHour(Instant.now(), 24)).hasSize(24).last().extracting(ConsoleQueries.Bar::value).isEqualTo(12L);

            jdbc.update("INSERT INTO reconcile_run (tenant_id, started_at, store_sales, xero_sales, difference_count) "
                    + "VALUES ('t', CURRENT_TIMESTAMP(3), 10.00, 9.00, 2)");
            long run = jdbc.queryForObject("SELECT MAX(id) FROM reconcile_run", Long.class);
            jdbc.update("INSERT INTO reconcile_difference (run_id, kind, entity, cscart_id, repairable, message) VALUES "
                    + "(?, 'MISSING_INVOICE', 'INVOICE', '1', TRUE, 'm'), (?, 'MISSING_ITEM', 'ITEM', '2', FALSE, 'm')", run, run);
            assertThat(queries.reconcileRuns(5)).singleElement().satisfies(r -> assertThat(r.period()).isEqualTo("first order – now"));
            assertThat(queries.differenceKinds(run)).containsOnlyKeys("MISSING_INVOICE", "MISSING_ITEM");
            assertThat(queries.differences(run, null, null, true, null, 10)).extracting(ConsoleQueries.Difference::kind)
                    .containsExactly("MISSING_INVOICE");

            app.getBean(ConsoleAudit.class).record("operator", ConsoleAudit.RUN, "run customerExportJob", null, "ok");
            assertThat(app.getBean(ConsoleAudit.class).recent(5)).singleElement().satisfies(a -> assertThat(a.action()).isEqualTo("RUN"));
        }
    }
}
