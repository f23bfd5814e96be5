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
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The operator's view: commands, exit codes and the tables they print. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(OutputCaptureExtension.class)
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
        // Xero's refusal of an e-mail is only a warning now (the customer is sent without it): a real rejection is a
        // customer whose name and suffixed name contacts made outside the store already have
        long userId = harness.cscartJdbc().queryForObject("SELECT MIN(user_id) FROM cscart_users WHERE user_type = 'C'", Long.class);
        harness.cscartJdbc().update("UPDATE cscart_users SET company = 'Held In Xero Ltd' WHERE user_id = ?", userId);
        new XeroUser(harness.sandbox).put("/Contacts", "{\"Contacts\":[{\"Name\":\"Held In Xero Ltd\"},{\"Name\":\"Held In Xero Ltd (#" + userId + ")\"}]}");

        Result run = cli("run", "customerExportJob");
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.out()).contains("customerExportStep: read 80").contains("COMPLETED WITH SKIPS");

        Result errors = cli("errors", "--job", "customerExportJob");
        assertThat(errors.exit()).isZero();
        assertThat(errors.out()).contains("CONTACT").contains("is already assigned to another contact")
                .contains("Warning: customer").contains("Email address must be valid.");

        Result executions = cli("executions");
        assertThat(executions.out()).contains("customerExportJob").contains("COMPLETED").contains("COMPLETED WITH SKIPS");
    }

    @Test
    @Order(3)
    void aRunWithNothingChangedExitsWithZeroAndSendsNothing(CapturedOutput logs) {
        long writes = harness.sandbox.stats().writeCalls();
        Result run = cli("run", "customerExportJob");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("unchanged 80");
        assertThat(harness.sandbox.stats().writeCalls()).isEqualTo(writes);
        // no "ItemWriter is an interface..." / "ItemProcessor is an interface..." from Spring Batch on every run (issue 10)
        assertThat(logs.getAll()).contains("customerExportStep").doesNotContain("is an interface").doesNotContain(" WARN ");
    }

    @Test
    @Order(4)
    void restartingACompletedExecutionIsRefused() {
        Result restart = cli("restart", "1");
        assertThat(restart.exit()).isEqualTo(2);
        assertThat(restart.out()).contains("already");
    }
}
