package io.cscartxero.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.cscartxero.testsupport.ConnectorHarness;
import io.cscartxero.ops.JobLaunchService;
import io.cscartxero.testsupport.StoreGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.BatchStatus;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 12: the dry-run report (buyers' names and e-mails) goes only into the report directory, as a new 0600 file,
 * through no symbolic link. Before, {@code report=} appended to any path the connector's user could write and followed
 * symbolic links, and reports were 0644. A bad {@code report=} is refused before anything runs: exit 2, one line, no
 * job instance or execution recorded, nothing written anywhere.
 */
class ReportFilesTest {

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
    void reportsAreNewPrivateFilesInTheReportDirectoryOnly() throws Exception {
        Path reports = dir.resolve("reports");   // sync.report-dir: an explicitly configured directory
        Path outside = Files.createDirectories(dir.resolve("elsewhere"));
        harness = ConnectorHarness.start().set("sync.report-dir", reports.toString()).set("xero.tax-rates.create-missing", "true");
        StoreGenerator.populateStore(harness.cscart.dataSource(), ConnectorHarness.PREFIX, 20, 15, 30, 121L);
        ConfigurableApplicationContext app = harness.startApp();
        JobLaunchService jobs = ConnectorHarness.jobs(app);
        JdbcTemplate connector = app.getBean(JdbcTemplate.class);

        Files.createDirectories(reports);
        Path existing = Files.writeString(reports.resolve("existing.jsonl"), "keep me\n");
        Files.createSymbolicLink(reports.resolve("link.jsonl"), outside.resolve("target.jsonl"));
        Files.createSymbolicLink(reports.resolve("sub"), outside);

        assertRefused(jobs, connector, "../escaped.jsonl", "'..' is not allowed");
        assertRefused(jobs, connector, "sub/../../escaped.jsonl", "'..' is not allowed");
        assertRefused(jobs, connector, outside.resolve("absolute.jsonl").toString(), "outside the report directory");
        assertRefused(jobs, connector, "existing.jsonl", "exists");
        assertRefused(jobs, connector, "link.jsonl", "link.jsonl is a symbolic link");
        assertRefused(jobs, connector, "sub/through-link.jsonl", "sub is a symbolic link");
        assertThat(Files.readString(existing)).isEqualTo("keep me\n");
        assertThat(dir.resolve("escaped.jsonl")).doesNotExist();
        try (var left = Files.list(outside)) {
            assertThat(left).isEmpty();
        }

        // a name, an absolute path inside the directory, a sub-directory: new files, 0600, directories 0700
        for (String good : new String[] { "mine.jsonl", reports.resolve("absolute-inside.jsonl").toString(), "2026/june.jsonl" }) {
            JobLaunchService.Outcome outcome = jobs.run("orderExportJob", Map.of("dryRun", "true", "report", good));
            assertThat(outcome.execution().getStatus()).as(outcome.message()).isEqualTo(BatchStatus.COMPLETED);
            Path file = reports.resolve(good);
            assertThat(Files.readAllLines(file)).isNotEmpty().allMatch(l -> l.contains("\"InvoiceNumber\":\"CS-"));
            assertThat(SecurityFixture.mode(file)).isEqualTo("rw-------");
            // the same name again: refused, the first report kept
            assertRefused(jobs, connector, good, "exists");
        }
        assertThat(SecurityFixture.mode(reports)).isEqualTo("rwx------");
        assertThat(SecurityFixture.mode(reports.resolve("2026"))).isEqualTo("rwx------");

        // without report=: orderExportJob-<execution>.jsonl in the directory
        JobLaunchService.Outcome unnamed = jobs.run("orderExportJob", Map.of("dryRun", "true"));
        Path file = reports.resolve("orderExportJob-" + unnamed.execution().getId() + ".jsonl");
        assertThat(file).exists();
        assertThat(SecurityFixture.mode(file)).isEqualTo("rw-------");
        assertThat(harness.sandbox.invoices()).isEmpty();
    }

    private static void assertRefused(JobLaunchService jobs, JdbcTemplate connector, String report, String why) {
        long instances = connector.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE", Long.class);
        JobLaunchService.Outcome outcome = jobs.run("orderExportJob", Map.of("dryRun", "true", "report", report));
        assertThat(outcome.exitCode()).as(outcome.message()).isEqualTo(JobLaunchService.EXIT_USAGE);
        assertThat(outcome.execution()).isNull();
        assertThat(outcome.message()).startsWith("report=" + report + " is refused: ").contains(why).contains("sync.report-dir");
        assertThat(connector.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE", Long.class)).isEqualTo(instances);
    }
}
