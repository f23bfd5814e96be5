package io.cscartxero.proof;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.cscartxero.CsCartXeroApplication;
import io.cscartxero.sandbox.SandboxContact;
import io.cscartxero.sandbox.SandboxInvoice;
import io.cscartxero.sandbox.SandboxItem;
import io.cscartxero.sandbox.SandboxSettings;
import io.cscartxero.testsupport.StoreTaxes;
import io.cscartxero.testsupport.ConnectorHarness;
import io.cscartxero.testsupport.StoreGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Several organisations from one installation, beyond one machine: one generated CS-Cart Ultimate store with six
 * storefronts, six Xero organisations in one sandbox (each its own custom connection), and THREE connector processes
 * ({@code serve --tenant shopA,shopB}, each in its own JVM, tenants configured as environment variables as in
 * {@code jobs/k8s-tenants.yaml}) on ONE MariaDB connector database, each owning two tenants. After the first round:
 * each organisation holds exactly its storefront's customers, products and invoiced orders; no InvoiceNumber or
 * customer's ContactNumber twice anywhere (a guest who bought in two storefronts is in both organisations); the link rows of each organisation match what it holds; no error rows. The next
 * rounds (serve's change sync, every 2 s) send nothing. The processes then stop on SIGTERM.
 */
class SixOrganisationsIT {

    static final int STOREFRONTS = 6;
    static final List<List<Integer>> PROCESSES = List.of(List.of(1, 2), List.of(3, 4), List.of(5, 6));
    static final String JOBS = "customerExportJob,productExportJob,orderExportJob";

    ConnectorHarness harness;
    final List<Process> processes = new ArrayList<>();

    static String tenant(int storefront) {
        return "shop" + storefront;
    }

    static String tenantId(int storefront) {
        return String.format("5%07d-0000-4000-8000-%012d", storefront, storefront);
    }

    @AfterEach
    void close() throws Exception {
        for (Process p : processes) {
            if (p.isAlive()) {
                p.destroy();
                if (!p.waitFor(60, TimeUnit.SECONDS)) p.destroyForcibly();
            }
        }
        if (harness != null) harness.close();
    }

    @Test
    void threeProcessesOnOneConnectorDatabaseSyncSixOrganisationsWithoutOverlap() throws Exception {
        SandboxSettings settings = ConnectorHarness.fastSandbox().withDayLimit(1_000_000, java.time.Duration.ofDays(1));
        harness = ConnectorHarness.start(settings, true);
        StoreGenerator.populateStore(harness.cscart.dataSource(), ConnectorHarness.PREFIX, 180, 72, 180, 1406L);
        JdbcTemplate store = harness.cscartJdbc();
        SixStorefronts.apply(store, ConnectorHarness.PREFIX);
        for (int s = 1; s <= STOREFRONTS; s++) {
            harness.sandbox.addCustomConnection("client-" + tenant(s), "secret-" + tenant(s), tenantId(s), "Shop " + s);
            addGeneratedTaxRates(tenantId(s));
        }
        Path schedule = Files.createTempFile("six-organisations", ".properties");
        Files.writeString(schedule, "change.every=2s\nchange.jobs=" + JOBS + "\nnightly.cron=0 0 2 1 1 *\nnightly.jobs="
                + JOBS + "\n");
        // one token key for all processes (as XERO_TOKEN_ENCRYPTION_KEY in every replica)
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String tokenKey = Base64.getEncoder().encodeToString(key);

        JdbcTemplate connector = new JdbcTemplate(new org.springframework.jdbc.datasource.DriverManagerDataSource(
                harness.connectorUrl, harness.properties().get("spring.datasource.username"),
                harness.properties().get("spring.datasource.password")));
        List<Path> logs = new ArrayList<>();
        for (List<Integer> pair : PROCESSES) {
            Path log = Files.createTempFile("six-organisations-" + tenant(pair.get(0)), ".log");
            logs.add(log);
            processes.add(serve(log, schedule, tokenKey, pair));
            // the first process creates the connector schema; the others start once it is there (started at the same
            // moment on an empty database, two Flyway runs race on the schema history table: see the report)
            if (processes.size() == 1) awaitSchema(connector, processes.get(0), log);
        }
        awaitRounds(connector, 1, logs);
        long writesAfterFirstRound = harness.sandbox.stats().writeCalls();
        awaitRounds(connector, 3, logs);   // two more change rounds of every tenant
        assertThat(harness.sandbox.stats().writeCalls()).as("writes after the first round").isEqualTo(writesAfterFirstRound);
        System.out.printf("first round: %d write calls; two more rounds of six tenants: 0 writes, %d calls%n",
                writesAfterFirstRound, harness.sandbox.stats().totalCalls());

        List<String> allInvoiceNumbers = new ArrayList<>();
        List<String> allContactNumbers = new ArrayList<>();
        for (int s = 1; s <= STOREFRONTS; s++) {
            String org = tenantId(s);
            List<SandboxInvoice> invoices = harness.sandbox.invoices(org);
            List<SandboxContact> contacts = harness.sandbox.contacts(org);
            List<SandboxItem> items = harness.sandbox.items(org);

            Set<String> expectedInvoices = store.queryForList("SELECT CONCAT('CS-', order_id) FROM cscart_orders"
                    + " WHERE company_id = ? AND status IN ('P', 'C') AND is_parent_order = 'N'", String.class, s)
                    .stream().collect(Collectors.toCollection(TreeSet::new));
            assertThat(expectedInvoices).as("storefront %d has invoiced orders", s).isNotEmpty();
            assertThat(invoices).extracting(SandboxInvoice::invoiceNumber).as("invoices of %s", tenant(s))
                    .containsExactlyInAnyOrderElementsOf(expectedInvoices);

            Set<Long> customers = new TreeSet<>(store.queryForList("SELECT user_id FROM cscart_users"
                    + " WHERE user_type = 'C' AND company_id = ?", Long.class, s));
            Set<Long> registered = contacts.stream().map(SandboxContact::contactNumber)
                    .filter(n -> n != null && n.matches("cscart-\\d+"))
                    .map(n -> Long.valueOf(n.substring("cscart-".length()))).collect(Collectors.toCollection(TreeSet::new));
            assertThat(registered).as("customers of %s", tenant(s)).isEqualTo(customers);

            long products = store.queryForObject("SELECT COUNT(*) FROM cscart_products WHERE company_id = ?"
                    + " AND status IN ('A', 'H')", Long.class, s);
            assertThat(items).as("items of %s", tenant(s)).hasSize((int) products);

            assertThat(links(connector, org, "INVOICE")).as("invoice links of %s", tenant(s)).isEqualTo(invoices.size());
            assertThat(links(connector, org, "CONTACT") + links(connector, org, "GUEST"))
                    .as("customer and guest links of %s", tenant(s)).isEqualTo(contacts.size());
            assertThat(links(connector, org, "CONTACT")).as("customer links of %s", tenant(s)).isEqualTo(registered.size());
            assertThat(links(connector, org, "ITEM")).as("item links of %s", tenant(s)).isEqualTo(items.size());
            allInvoiceNumbers.addAll(invoices.stream().map(SandboxInvoice::invoiceNumber).toList());
            assertThat(contacts).extracting(SandboxContact::contactNumber).doesNotHaveDuplicates();
            // a guest who bought in two storefronts is a contact of both organisations; a customer belongs to one
            allContactNumbers.addAll(registered.stream().map(id -> "cscart-" + id).toList());

            var calls = harness.sandbox.stats().tenant(org);
            System.out.printf("%s: %d contacts (%d customers), %d items, %d invoices; %d API calls, %d writes, %d token requests%n",
                    tenant(s), contacts.size(), registered.size(), items.size(), invoices.size(), calls.calls(),
                    calls.writeCalls(), calls.tokenRequests());
            assertThat(calls.rateLimited()).isZero();
            assertThat(calls.unauthorized()).isZero();
        }
        assertThat(allInvoiceNumbers).doesNotHaveDuplicates();
        assertThat(allContactNumbers).doesNotHaveDuplicates();
        assertThat(harness.sandbox.invoices()).as("the default organisation").isEmpty();
        Set<String> linkTenants = new HashSet<>(connector.queryForList("SELECT DISTINCT tenant_id FROM sync_link", String.class));
        Set<String> organisations = new HashSet<>();
        for (int s = 1; s <= STOREFRONTS; s++) organisations.add(tenantId(s));
        assertThat(linkTenants).isEqualTo(organisations);
        assertThat(connector.queryForList("SELECT CONCAT(tenant, ': ', message) FROM sync_error"
                + " WHERE message NOT LIKE 'Warning:%'", String.class)).as("error rows").isEmpty();
        assertThat(connector.queryForObject("SELECT COUNT(*) FROM sync_error WHERE tenant = ''", Long.class)).isZero();

        // one tenant's run never failed another's (e.g. a deadlock between two tenants' link writes)
        assertThat(connector.queryForList("SELECT CONCAT(i.JOB_NAME, ' ', e.JOB_EXECUTION_ID, ': ', COALESCE(e.EXIT_MESSAGE, ''))"
                + " FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID"
                + " WHERE e.STATUS <> 'COMPLETED'", String.class)).as("executions that did not complete").isEmpty();

        for (Process p : processes) p.destroy();   // SIGTERM: each serve stops its tenants and exits
        for (int i = 0; i < processes.size(); i++) {
            assertThat(processes.get(i).waitFor(90, TimeUnit.SECONDS)).as(Files.readString(logs.get(i))).isTrue();
        }
        for (Path log : logs) Files.deleteIfExists(log);
        Files.deleteIfExists(schedule);
    }

    /**
     * Until every tenant has {@code rounds} COMPLETED orderExportJob executions (the last job of a round) and each of
     * its jobs has completed at least once (a run that failed is continued at a later tick).
     */
    private void awaitRounds(JdbcTemplate connector, int rounds, List<Path> logs) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (true) {
            Map<String, Long> done = new LinkedHashMap<>();
            for (int s = 1; s <= STOREFRONTS; s++) {
                done.put(tenant(s), completedOrderExports(connector, s));
            }
            if (done.values().stream().allMatch(n -> n >= rounds) && everyJobCompleted(connector)) return;
            for (int i = 0; i < processes.size(); i++) {
                assertThat(processes.get(i).isAlive()).as("serve %s died: %s", PROCESSES.get(i),
                        Files.readString(logs.get(i))).isTrue();
            }
            assertThat(System.nanoTime()).as("rounds %s of %d; log: %s", done, rounds, logs).isLessThan(deadline);
            Thread.sleep(250);
        }
    }

    private static void awaitSchema(JdbcTemplate connector, Process first, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (completedOrderExports(connector, 1) < 0 || !schemaReady(connector)) {
            assertThat(first.isAlive()).as(Files.readString(log)).isTrue();
            assertThat(System.nanoTime()).as("connector schema not created; log: %s", log).isLessThan(deadline);
            Thread.sleep(250);
        }
    }

    private static boolean everyJobCompleted(JdbcTemplate connector) {
        long pairs = connector.queryForObject("SELECT COUNT(DISTINCT i.JOB_NAME, p.PARAMETER_VALUE) FROM BATCH_JOB_EXECUTION e"
                + " JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID"
                + " JOIN BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID"
                + " WHERE e.STATUS = 'COMPLETED' AND p.PARAMETER_NAME = 'tenant'", Long.class);
        return pairs == (long) STOREFRONTS * JOBS.split(",").length;
    }

    private static boolean schemaReady(JdbcTemplate connector) {
        try {
            return connector.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION", Long.class) >= 0
                    && connector.queryForObject("SELECT COUNT(*) FROM sync_error", Long.class) >= 0;
        } catch (org.springframework.jdbc.BadSqlGrammarException notYet) {
            return false;
        }
    }

    private static long completedOrderExports(JdbcTemplate connector, int s) {
        try {
            return connector.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION e"
                        + " JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID"
                        + " JOIN BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID"
                        + " WHERE i.JOB_NAME = 'orderExportJob' AND e.STATUS = 'COMPLETED'"
                    + " AND p.PARAMETER_NAME = 'tenant' AND p.PARAMETER_VALUE = ?", Long.class, tenant(s));
        } catch (org.springframework.jdbc.BadSqlGrammarException notMigratedYet) {
            return 0;   // the first process has not created Spring Batch's tables yet
        }
    }

    private static long links(JdbcTemplate connector, String org, String entity) {
        return connector.queryForObject("SELECT COUNT(*) FROM sync_link WHERE tenant_id = ? AND entity = ?"
                + " AND state = 'SYNCED'", Long.class, org, entity);
    }

    /**
     * {@code serve --tenant a,b} in its own JVM: the shared settings as arguments (the harness's), every tenant's as
     * environment variables (TENANTS_SHOP1_XERO_CLIENTID ...), as a Kubernetes replica gets them.
     */
    private Process serve(Path log, Path schedule, String tokenKey, List<Integer> pair) throws Exception {
        List<String> args = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx384m", "-Dspring.backgroundpreinitializer.ignore=true",
                "-cp", System.getProperty("java.class.path"), CsCartXeroApplication.class.getName(),
                "serve", "--schedule", schedule.toString(), "--tenant",
                pair.stream().map(SixOrganisationsIT::tenant).collect(Collectors.joining(","))));
        Map<String, String> shared = new LinkedHashMap<>(harness.properties());
        shared.remove("xero.client-id");
        shared.remove("xero.client-secret");
        shared.remove("xero.tenant-id");
        shared.remove("xero.token-key-file");
        shared.put("server.port", "0");
        shared.put("sync.lock-stale-after", "10s");
        shared.put("sync.chunk-size", "10");   // several chunks per job: the tenants' writes interleave
        // the connector's defaults with tenants are READ COMMITTED for its pool and for Spring Batch's creates (without
        // them two tenants' link writes deadlock on InnoDB gap locks); -Dproof.connector-isolation /
        // -Dproof.batch-create-isolation try other levels
        String isolation = System.getProperty("proof.connector-isolation", "");
        if (!isolation.isBlank()) shared.put("spring.datasource.hikari.transaction-isolation", isolation);
        String createIsolation = System.getProperty("proof.batch-create-isolation", "");
        if (!createIsolation.isBlank()) shared.put("spring.batch.jdbc.isolation-level-for-create", createIsolation);
        // the generated store's taxes, mapped as the benchmarks map them (the same in every organisation)
        shared.putAll(StoreTaxes.TAX_TYPES);
        shared.forEach((k, v) -> args.add("--" + k + "=" + v));
        ProcessBuilder builder = new ProcessBuilder(args).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("XERO_TOKEN_ENCRYPTION_KEY", tokenKey);
        for (int s = 1; s <= STOREFRONTS; s++) {
            String prefix = "TENANTS_" + tenant(s).toUpperCase() + "_";
            env.put(prefix + "XERO_CLIENTID", "client-" + tenant(s));
            env.put(prefix + "XERO_CLIENTSECRET", "secret-" + tenant(s));
            env.put(prefix + "XERO_TENANTID", tenantId(s));
            env.put(prefix + "CSCART_STOREFRONTS", Integer.toString(s));
        }
        return builder.start();
    }

    private void addGeneratedTaxRates(String org) {
        StoreTaxes.addRates(harness.sandbox, org);
    }
}
