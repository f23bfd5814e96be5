package io.cscartxero.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import io.cscartxero.testsupport.ConnectorHarness;
import io.cscartxero.ops.JobLaunchService;
import io.cscartxero.testsupport.StoreGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 12: nothing the connector stores is readable by other users: the data directory is 0700 and every file in it
 * 0600 (the database, H2's trace file, reports), whatever the process's umask, including files an older version left
 * 0644. Before, data/ was 0755 and its files 0644. The launcher and the systemd unit set a private umask.
 */
class FileModeTest {

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
    void aDemoLikeRunLeavesNothingInDataThatOthersCanRead() throws Exception {
        Path data = dir.resolve("data");
        // what an older version left: a 0755 directory with 0644 files
        Files.createDirectories(data.resolve("dry-run"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path oldReport = Files.writeString(data.resolve("dry-run/orderExportJob-1.jsonl"), "{\"buyer\":\"guest@example.com\"}\n");
        Path oldTrace = Files.writeString(data.resolve("cscart-xero.trace.db"), "old trace\n");
        Files.setPosixFilePermissions(oldReport, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(oldTrace, PosixFilePermissions.fromString("rw-r--r--"));

        harness = ConnectorHarness.start().set("spring.datasource.url", SecurityFixture.defaultConnectorUrl(data))
                .set("xero.tax-rates.create-missing", "true");
        StoreGenerator.populateStore(harness.cscart.dataSource(), ConnectorHarness.PREFIX, 40, 20, 40, 131L);
        ConfigurableApplicationContext app = harness.startApp();
        assertThat(SecurityFixture.notPrivate(data)).as("fixed on start-up").isEmpty();

        JobLaunchService jobs = ConnectorHarness.jobs(app);
        for (String job : new String[] { "customerExportJob", "productExportJob", "orderExportJob" }) {
            assertThat(jobs.run(job, Map.of()).exitCode()).isIn(0, 3);
        }
        assertThat(jobs.run("orderExportJob", Map.of("dryRun", "true", "full", "true")).exitCode()).isIn(0, 3);
        assertThat(jobs.run("customerImportJob", Map.of()).exitCode()).isIn(0, 3);
        app.close();

        // find data -perm -o+r (and any group or other bit) finds nothing; the directory is 0700
        assertThat(data.resolve("cscart-xero.mv.db")).exists();
        try (var reports = Files.list(data.resolve("reports"))) {
            assertThat(reports).hasSize(1);
        }
        assertThat(SecurityFixture.notPrivate(data)).isEmpty();
        assertThat(SecurityFixture.mode(data)).isEqualTo("rwx------");
    }

    @Test
    void theLauncherAndTheSystemdUnitSetAPrivateUmask() throws Exception {
        assertThat(Files.readAllLines(Path.of("jobs/cscart-xero"))).contains("umask 077");
        assertThat(Files.readAllLines(Path.of("jobs/cscart-xero.service"))).contains("UMask=0077");
        assertThat(Files.readString(Path.of("jobs/cscart-xero.service"))).contains("ExecStart=/opt/cscart-xero/jobs/cscart-xero ");
    }
}
