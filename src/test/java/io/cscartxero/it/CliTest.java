package io.cscartxero.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import io.cscartxero.cli.Cli;
import io.cscartxero.testsupport.StoreGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The operator's view: commands, exit codes and the tables they print. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CliTest {

    private static ConnectorHarness harness;

    @BeforeAll
    static void store() {
        harness = ConnectorHarness.start();
        new StoreGenerator(harness.cscart.dataSource(), ConnectorHarness.PREFIX, 31L).customers(80);
    }

    @AfterAll
    static void close() {
        harness.close();
    }

    private record Result(int exit, String out) {
    }

    private static Result cli(String... command) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exit = harness.cli(new PrintStream(bytes, true, StandardCharsets.UTF_8), command);
        return new Result(exit, bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    @Order(1)
    void usageErrorsExitWithTwoBeforeAnythingRuns() {
        assertThat(Cli.run(new String[] { "frobnicate" }, new PrintStream(new ByteArrayOutputStream()))).isEqualTo(2);
        Result unknownJob = cli("run", "noSuchJob");
        assertThat(unknownJob.exit()).isEqualTo(2);
        assertThat(unknownJob.out()).contains("Unknown job 'noSuchJob'").contains("customerExportJob");
        Result badParameter = cli("run", "customerExportJob", "since=yesterday");
        assertThat(badParameter.exit()).isEqualTo(2);
        assertThat(badParameter.out()).contains("since=yesterday").contains("yyyy-mm-dd");
        Result badPrefix = cli("executions", "--cscart.table-prefix=x;drop");
        assertThat(badPrefix.exit()).isEqualTo(2);
        assertThat(badPrefix.out()).contains("Configuration error").contains("cscart.table-prefix");
        assertThat(harness.sandbox.stats().writeCalls()).isZero();
    }

    @Test
    @Order(2)
    void aRunWithRejectedRecordsExitsWithThreeAndTheErrorsCommandShowsXerosMessages() {
        Result run = cli("run", "customerExportJob");
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.out()).contains("customerExportStep: read 80").contains("COMPLETED WITH SKIPS");

        Result errors = cli("errors", "--job", "customerExportJob");
        assertThat(errors.exit()).isZero();
        assertThat(errors.out()).contains("CONTACT").contains("Email address must be valid.");

        Result executions = cli("executions");
        assertThat(executions.out()).contains("customerExportJob").contains("COMPLETED").contains("COMPLETED WITH SKIPS");
    }

    @Test
    @Order(3)
    void aRunWithNothingChangedExitsWithZeroAndSendsNothing() {
        long writes = harness.sandbox.stats().writeCalls();
        Result run = cli("run", "customerExportJob");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("unchanged 80");
        assertThat(harness.sandbox.stats().writeCalls()).isEqualTo(writes);
    }

    @Test
    @Order(4)
    void restartingACompletedExecutionIsRefused() {
        Result restart = cli("restart", "1");
        assertThat(restart.exit()).isEqualTo(2);
        assertThat(restart.out()).contains("already");
    }
}
