package io.cscartxero.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.cscartxero.testsupport.ConnectorHarness;
import io.cscartxero.testsupport.StoreGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code --tenant} on the commands (issue 14): required where a command acts on one organisation once tenants are
 * configured (one line naming them, exit 2), checked names, each tenant's run in its own organisation, and the
 * commands that read the connector database showing every tenant without it.
 */
class TenantOptionTest {

    private static final String B = "00000000-0000-0000-0000-00000000000b";
    private ConnectorHarness harness;

    @AfterEach
    void close() {
        if (harness != null) {
            harness.close();
        }
    }

    private record Result(int code, String out) {
    }

    private Result cli(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = harness.cli(new PrintStream(bytes, true, StandardCharsets.UTF_8), args);
        return new Result(code, bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void tenantsConfiguredTheOneOrganisationCommandsNeedTenantAndEachRunGoesToItsOrganisation() {
        harness = ConnectorHarness.start();
        StoreGenerator.populateStore(harness.cscart.dataSource(), ConnectorHarness.PREFIX, 9, 3, 0, 1402L);
        harness.sandbox.addCustomConnection("client-b", "secret-b", B, "Shop B Ltd");
        harness.set("tenants.a.xero.tenant-id", harness.sandbox.settings().tenantId())
                .set("tenants.b.xero.client-id", "client-b").set("tenants.b.xero.client-secret", "secret-b")
                .set("tenants.b.xero.tenant-id", B);

        for (String[] command : new String[][] { { "run", "customerExportJob" }, { "restart", "1" }, { "stop", "1" },
                { "check" }, { "taxes" }, { "reconcile" }, { "disconnect" } }) {
            Result r = cli(command);
            assertThat(r.code()).as(String.join(" ", command)).isEqualTo(2);
            assertThat(r.out()).as(String.join(" ", command))
                    .isEqualTo("This command acts on one organisation: add --tenant <name>. Configured tenants: a, b" + System.lineSeparator());
        }
        Result unknown = cli("run", "customerExportJob", "--tenant", "zz");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.out()).isEqualTo("Unknown tenant 'zz'. Configured tenants: a, b" + System.lineSeparator());
        Result invalid = cli("run", "--tenant", "Shop_B", "customerExportJob");
        assertThat(invalid.code()).isEqualTo(2);
        assertThat(invalid.out()).startsWith("Tenant name 'Shop_B' is not valid: 1 to 32 characters a-z, 0-9 and '-'");
        assertThat(harness.sandbox.stats().requests()).isEmpty();

        Result b = cli("run", "customerExportJob", "--tenant", "b");
        assertThat(b.code()).as(b.out()).isZero();
        assertThat(harness.sandbox.contacts(B)).hasSize(9);
        assertThat(harness.sandbox.contacts(harness.sandbox.settings().tenantId())).isEmpty();
        Result again = cli("--tenant", "b", "run", "customerExportJob");   // before or after the subcommand
        assertThat(again.code()).as(again.out()).isEqualTo(2);   // picocli: --tenant is the subcommand's option
        assertThat(cli("run", "--tenant", "a", "customerExportJob").code()).isZero();
        assertThat(harness.sandbox.contacts(harness.sandbox.settings().tenantId())).hasSize(9);
        assertThat(harness.sandbox.contacts(B)).hasSize(9);

        Result executions = cli("executions");
        assertThat(executions.code()).isZero();
        assertThat(executions.out().lines().findFirst().orElseThrow()).contains("TENANT");
        assertThat(executions.out()).containsPattern("\\d+\\s+b\\s+customerExportJob\\s+COMPLETED")
                .containsPattern("\\d+\\s+a\\s+customerExportJob\\s+COMPLETED");
        Result onlyA = cli("executions", "--tenant", "a");
        assertThat(onlyA.out().lines().skip(2).toList()).hasSize(1).allSatisfy(l -> assertThat(l).contains(" a "));

        Result status = cli("status");
        assertThat(status.code()).isZero();
        assertThat(status.out()).contains("== Tenant a ==", "== Tenant b ==");
        assertThat(status.out().split("== Tenant b ==")[1]).containsPattern("customerExportJob\\s+\\d+\\s+COMPLETED");
        var connector = new org.springframework.jdbc.core.JdbcTemplate(new org.springframework.jdbc.datasource.DriverManagerDataSource(
                harness.properties().get("spring.datasource.url"), harness.properties().get("spring.datasource.username"),
                harness.properties().get("spring.datasource.password")));
        for (String tenant : List.of("a", "b")) {
            connector.update("INSERT INTO sync_error (job_execution_id, job_name, step_name, entity, cscart_id, message, created_at, tenant)"
                    + " VALUES (1, 'customerExportJob', 'customerExportStep', 'CONTACT', ?, ?, CURRENT_TIMESTAMP, ?)",
                    "9" + tenant.charAt(0), "refused for tenant " + tenant, tenant);
        }
        Result errors = cli("errors", "--tenant", "b");
        assertThat(errors.code()).isZero();
        assertThat(errors.out()).contains("refused for tenant b").doesNotContain("refused for tenant a");
    }

    @Test
    void withoutTenantsNothingChangesAndATenantIsUnknown() {
        harness = ConnectorHarness.start();
        StoreGenerator.populateStore(harness.cscart.dataSource(), ConnectorHarness.PREFIX, 4, 2, 0, 1403L);
        Result run = cli("run", "customerExportJob");
        assertThat(run.code()).as(run.out()).isZero();
        assertThat(harness.sandbox.contacts()).hasSize(4);
        Result executions = cli("executions");
        assertThat(executions.out().lines().findFirst().orElseThrow()).doesNotContain("TENANT");
        Result tenant = cli("run", "customerExportJob", "--tenant", "a");
        assertThat(tenant.code()).isEqualTo(2);
        assertThat(tenant.out()).startsWith("Unknown tenant 'a'. Configured tenants: (none");
    }
}
