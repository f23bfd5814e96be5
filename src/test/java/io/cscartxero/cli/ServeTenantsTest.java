package io.cscartxero.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.cscartxero.CsCartXeroApplication;
import io.cscartxero.ops.AutoSync;
import io.cscartxero.ops.Schedule;
import io.cscartxero.sandbox.SandboxInvoice;
import io.cscartxero.testsupport.ConnectorHarness;
import io.cscartxero.testsupport.StoreGenerator;
import io.cscartxero.xero.XeroProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code serve} with three tenants in one process (issue 14): a parent context (DataSources, Flyway, web) and one
 * child context per tenant with its own AutoSync, token, limiter and jobs, on one MariaDB connector database. Each
 * tenant's organisation gets its orders; one tenant whose organisation revoked the connection does not stop the
 * others and shows as DOWN in the health, with its failures in its own error log and executions.
 */
class ServeTenantsTest {

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

    /** The harness's settings as serve's command-line arguments (also used by {@link ServeTenantSchedulesTest}). */
    static List<String> args(ConnectorHarness harness) {
        List<String> args = new ArrayList<>();
        harness.properties().forEach((k, v) -> args.add("--" + k + "=" + v));
        args.add("--spring.batch.job.enabled=false");
        return args;
    }

    /** Three organisations on custom connections; tenant a the sandbox's default one. */
    private void threeTenants() {
        harness = ConnectorHarness.start(ConnectorHarness.fastSandbox(), true);
        StoreGenerator.populateStore(harness.cscart.dataSource(), ConnectorHarness.PREFIX, 12, 10, 15, 1401L);
        harness.sandbox.addCustomConnection("client-b", "secret-b", "00000000-0000-0000-0000-00000000000b", "Shop B Ltd");
        harness.sandbox.addCustomConnection("client-c", "secret-c", "00000000-0000-0000-0000-00000000000c", "Shop C Ltd");
        String defaultTenant = harness.sandbox.settings().tenantId();
        harness.set("xero.tax-rates.create-missing", "true")
                .set("tenants.a.xero.tenant-id", defaultTenant)
                .set("tenants.b.xero.client-id", "client-b").set("tenants.b.xero.client-secret", "secret-b")
                .set("tenants.b.xero.tenant-id", "00000000-0000-0000-0000-00000000000b")
                .set("tenants.b.xero.invoice-number-prefix", "B-")
                .set("tenants.c.xero.client-id", "client-c").set("tenants.c.xero.client-secret", "secret-c")
                .set("tenants.c.xero.tenant-id", "00000000-0000-0000-0000-00000000000c")
                .set("tenants.c.xero.invoice-number-prefix", "C-");
    }

    private static void awaitInvoices(ConnectorHarness harness, String tenantId, int count) throws InterruptedException {
        for (int i = 0; i < 600 && harness.sandbox.invoices(tenantId).size() < count; i++) {
            Thread.sleep(100);
        }
    }

    /** Waits (up to a minute, polling) for the tenant's last execution of {@code job} to have ended. */
    static void awaitLastRun(ConfigurableApplicationContext tenant, String job) throws InterruptedException {
        var history = tenant.getBean(io.cscartxero.ops.ExecutionHistory.class);
        for (int i = 0; i < 600; i++) {
            var last = history.recent(job, 1);
            if (!last.isEmpty() && last.get(0).end() != null) {
                return;
            }
            Thread.sleep(100);
        }
    }

    @Test
    void serveRunsEveryTenantInItsOwnContextAndOneRevokedOrganisationStopsNoOther() throws Exception {
        threeTenants();
        harness.sandbox.revokeOrganisation("00000000-0000-0000-0000-00000000000c");
        ConfigurableApplicationContext parent = harness.startServeApp();
        Schedule schedule = new Schedule(Duration.ofHours(1), List.of("customerExportJob", "productExportJob", "orderExportJob"),
                "0 0 2 * * *", List.of("orderExportJob"));
        harness.set("tenants.d.xero.grant", "password").set("tenants.d.xero.client-secret", "secret-d");   // cannot start
        serve = new ServeTenants(CsCartXeroApplication.class, args(harness), parent, schedule, false, List.of("a", "b", "c", "d"),
                Duration.ofHours(1));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertThat(serve.start(new PrintStream(bytes, true, StandardCharsets.UTF_8))).isTrue();
        String started = bytes.toString(StandardCharsets.UTF_8);
        assertThat(started).contains("Tenant a: serving", "Tenant b: serving", "Tenant c: serving")
                .contains("Tenant d: not started: xero.grant").doesNotContain("secret-d");
        serve.retryFailed();   // what the retry does every retryEvery: d still cannot start, nothing else changes
        assertThat(serve.tenants().get("d").running()).isFalse();

        // each tenant's context: its own organisation, and the parent's DataSources (one pool for all)
        Map<String, ServeTenants.Tenant> tenants = serve.tenants();
        for (String name : List.of("a", "b", "c")) {
            ConfigurableApplicationContext child = tenants.get(name).context;
            assertThat(child.getParent()).isSameAs(parent);
            assertThat(child.getBean(XeroProperties.class).connectorTenant()).isEqualTo(name);
            assertThat(child.getBean(javax.sql.DataSource.class)).isSameAs(parent.getBean(javax.sql.DataSource.class));
        }
        assertThat(tenants.get("b").context.getBean(XeroProperties.class).clientSecret()).isEqualTo("secret-b");

        // serve's first change tick runs at once in every tenant's context, side by side
        awaitInvoices(harness, harness.sandbox.settings().tenantId(), 1);
        awaitInvoices(harness, "00000000-0000-0000-0000-00000000000b", 1);
        awaitLastRun(tenants.get("a").context, "orderExportJob");
        awaitLastRun(tenants.get("b").context, "orderExportJob");
        awaitLastRun(tenants.get("c").context, "orderExportJob");

        List<SandboxInvoice> a = harness.sandbox.invoices(harness.sandbox.settings().tenantId());
        List<SandboxInvoice> b = harness.sandbox.invoices("00000000-0000-0000-0000-00000000000b");
        int invoiced = a.size();
        assertThat(invoiced).isGreaterThan(5);
        assertThat(b).hasSize(invoiced).allSatisfy(i -> assertThat(i.invoiceNumber()).startsWith("B-"));
        assertThat(a).allSatisfy(i -> assertThat(i.invoiceNumber()).startsWith("CS-"));
        assertThat(harness.sandbox.invoices("00000000-0000-0000-0000-00000000000c")).isEmpty();

        // the revoked one: DOWN in the health, its failed executions carry its name; the others are fine
        var health = serve.health();
        assertThat(health.getStatus().getCode()).isEqualTo("UP");
        assertThat(health.getDetails().get("c").toString()).contains("status=DOWN");
        assertThat(health.getDetails().get("a").toString()).contains("status=UP");
        assertThat(health.getDetails().get("d").toString()).contains("status=DOWN", "xero.grant");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(harness.cli(new PrintStream(out, true, StandardCharsets.UTF_8), "executions", "--limit", "50")).isZero();
        String executions = out.toString(StandardCharsets.UTF_8);
        assertThat(executions).contains("TENANT");
        assertThat(executions.lines().filter(l -> l.matches("\\s*\\d+\\s+c\\s+.*")).toList()).isNotEmpty()
                .allSatisfy(l -> assertThat(l).contains("FAILED"));
        assertThat(executions.lines().filter(l -> l.matches("\\s*\\d+\\s+b\\s+.*")).toList()).hasSize(3)
                .allSatisfy(l -> assertThat(l).contains("COMPLETED"));
        out.reset();
        assertThat(harness.cli(new PrintStream(out, true, StandardCharsets.UTF_8), "executions", "--tenant", "b")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).lines().skip(2).toList()).hasSize(3)
                .allSatisfy(l -> assertThat(l).contains("COMPLETED").doesNotContain("FAILED"));

        // the one registry of the process counts each organisation's calls under its tenant tag
        var meters = parent.getBean(io.micrometer.core.instrument.MeterRegistry.class);
        for (String name : List.of("a", "b")) {
            assertThat(meters.find("xero.api.calls").tag("tenant", name).counters().stream().mapToDouble(c -> c.count()).sum())
                    .as("calls of tenant %s", name).isPositive();
        }

        // the console (in the parent): a tenant column and filter
        var console = new io.cscartxero.console.ConsoleQueries(parent.getBean(org.springframework.jdbc.core.JdbcTemplate.class),
                parent.getBean(io.cscartxero.ops.ExecutionHistory.class));
        assertThat(console.executions(null, null, null, null, "b", 50)).hasSize(3)
                .allSatisfy(e -> assertThat(e.tenant()).isEqualTo("b"));
        assertThat(console.executions(null, null, null, null, null, 50)).extracting(e -> e.tenant()).contains("a", "b", "c");

        // a second tick sends nothing to the organisations that have everything
        int before = harness.sandbox.stats().requests().size();
        tenants.get("b").context.getBean(AutoSync.class).changes(List.of("orderExportJob"));
        assertThat(harness.sandbox.invoices("00000000-0000-0000-0000-00000000000b")).hasSize(invoiced);
        assertThat(harness.sandbox.stats().requests().stream().skip(before).filter(r -> !"GET".equals(r.method())).count()).isZero();

        serve.stop();
        assertThat(tenants.values()).allSatisfy(t -> assertThat(t.context).isNull());
        assertThat(parent.isActive()).isTrue();
        serve = null;
    }
}
