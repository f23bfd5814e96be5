package io.cscartxero.proof;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.cscartxero.CsCartXeroApplication;
import io.cscartxero.sandbox.SandboxContact;
import io.cscartxero.testsupport.ConnectorHarness;
import io.cscartxero.testsupport.Leases;
import io.cscartxero.testsupport.StoreGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The connector in its own JVM, killed with SIGKILL in the middle of a run (connector DB on MariaDB, shared with
 * the restarting process); the restart must leave exactly one Xero contact per customer.
 */
class KillAndRestartTest {

    private ConnectorHarness harness;

    @AfterEach
    void close() {
        if (harness != null) {
            harness.close();
        }
    }

    private Process launch(Path log, String... command) throws Exception {
        List<String> args = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CsCartXeroApplication.class.getName()));
        args.addAll(List.of(command));
        harness.properties().forEach((k, v) -> args.add("--" + k + "=" + v));
        return new ProcessBuilder(args).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    @Test
    void sigkillMidRunThenRestartGivesExactlyOneContactPerCustomer() throws Exception {
        harness = ConnectorHarness.start(ConnectorHarness.fastSandbox(), true);
        new StoreGenerator(harness.cscart.dataSource(), ConnectorHarness.PREFIX, 41L).customers(500);
        harness.set("sync.lock-stale-after", "2s");
        // slow answers make sure the kill lands while chunks are in flight
        harness.sandbox.faults().setSlowRate(1.0, Duration.ofMillis(150));
        Path log = Files.createTempFile("cscart-xero-killed", ".log");

        Process first = launch(log, "run", "customerExportJob");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);   // a loaded CI machine starts a JVM slowly
        while (harness.sandbox.stats().writeCalls() < 4 && System.nanoTime() < deadline && first.isAlive()) {
            Thread.sleep(20);
        }
        assertThat(first.isAlive()).as("still running when killed; log: %s", log).isTrue();
        first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);   // SIGKILL: no shutdown hook, no cleanup

        int createdBeforeKill = harness.sandbox.contacts().size();
        assertThat(createdBeforeKill).isBetween(1, 499);
        JdbcTemplate connector = new JdbcTemplate(new org.springframework.jdbc.datasource.DriverManagerDataSource(
                harness.connectorUrl, harness.properties().get("spring.datasource.username"),
                harness.properties().get("spring.datasource.password")));
        long executionId = connector.queryForObject("SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION", Long.class);
        assertThat(connector.queryForObject("SELECT STATUS FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?", String.class, executionId))
                .isEqualTo("STARTED");

        harness.sandbox.faults().clear();
        Leases.awaitAllStale(connector, Duration.ofSeconds(2));   // the dead process's lease goes stale (sync.lock-stale-after)
        Process restart = launch(log, "restart", Long.toString(executionId));
        assertThat(restart.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String output = Files.readString(log);
        assertThat(restart.exitValue()).as(output).isIn(0, 3);

        List<String> numbers = harness.sandbox.contacts().stream().map(SandboxContact::contactNumber).toList();
        long rejected = connector.queryForObject("SELECT COUNT(*) FROM sync_link WHERE state = 'REJECTED'", Long.class);
        long synced = connector.queryForObject("SELECT COUNT(*) FROM sync_link WHERE state = 'SYNCED'", Long.class);
        assertThat(numbers).doesNotHaveDuplicates();
        assertThat(numbers.size() + rejected).isEqualTo(500);
        assertThat(synced).isEqualTo(numbers.size());
        assertThat(output).contains("was left running by a process that died");
        new File(log.toString()).delete();
    }

    @Test
    void sigtermStopsAtAChunkBoundaryAndTheRestartCompletesExactlyOnce() throws Exception {
        harness = ConnectorHarness.start(ConnectorHarness.fastSandbox(), true);
        new StoreGenerator(harness.cscart.dataSource(), ConnectorHarness.PREFIX, 42L).customers(500);
        harness.sandbox.faults().setSlowRate(1.0, Duration.ofMillis(150));
        Path log = Files.createTempFile("cscart-xero-stopped", ".log");

        Process first = launch(log, "run", "customerExportJob");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);   // a loaded CI machine starts a JVM slowly
        while (harness.sandbox.stats().writeCalls() < 3 && System.nanoTime() < deadline && first.isAlive()) {
            Thread.sleep(20);
        }
        first.destroy();   // SIGTERM: the shutdown hook stops the execution at the end of its chunk
        assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(first.exitValue()).as(Files.readString(log)).isIn(1, 143);   // 143: the JVM reports the signal

        JdbcTemplate connector = new JdbcTemplate(new org.springframework.jdbc.datasource.DriverManagerDataSource(
                harness.connectorUrl, harness.properties().get("spring.datasource.username"),
                harness.properties().get("spring.datasource.password")));
        long executionId = connector.queryForObject("SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION", Long.class);
        assertThat(connector.queryForObject("SELECT STATUS FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?", String.class, executionId))
                .isEqualTo("STOPPED");
        // what was written before the stop is linked: every contact in Xero has its link
        long linkedAtStop = connector.queryForObject("SELECT COUNT(*) FROM sync_link WHERE entity = 'CONTACT'", Long.class);
        assertThat(linkedAtStop).isBetween(1L, 499L);

        harness.sandbox.faults().clear();
        Process restart = launch(log, "restart", Long.toString(executionId));   // no lease wait: the stop released it
        assertThat(restart.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(restart.exitValue()).as(Files.readString(log)).isIn(0, 3);
        List<String> numbers = harness.sandbox.contacts().stream().map(SandboxContact::contactNumber).toList();
        long rejected = connector.queryForObject("SELECT COUNT(*) FROM sync_link WHERE state = 'REJECTED'", Long.class);
        assertThat(numbers).doesNotHaveDuplicates();
        assertThat(numbers.size() + rejected).isEqualTo(500);
        new File(log.toString()).delete();
    }
}
