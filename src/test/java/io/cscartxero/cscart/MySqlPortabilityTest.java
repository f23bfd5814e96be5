package io.cscartxero.cscart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import javax.sql.DataSource;

import io.cscartxero.infra.DataSourcesConfiguration;
import io.cscartxero.ops.JobLaunchService;
import io.cscartxero.sandbox.SandboxContact;
import io.cscartxero.testsupport.ConnectorHarness;
import io.cscartxero.testsupport.CsCartFixture;
import io.cscartxero.testsupport.GeneratedCustomer;
import io.cscartxero.testsupport.GeneratedProduct;
import io.cscartxero.testsupport.MySqlContainers;
import io.cscartxero.testsupport.StoreData;
import io.cscartxero.testsupport.StoreGenerator;
import io.cscartxero.testsupport.StoreTaxes;
import io.cscartxero.testsupport.TestDatabase;
import io.cscartxero.testsupport.TestDatabases;
import io.cscartxero.testsupport.XeroUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.batch.core.BatchStatus;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every query the jobs and commands issue, on the databases CS-Cart stores run: the whole connector (CS-Cart database
 * <em>and</em> connector database) goes through check, taxes, the three exports with each of their filters, both
 * imports creating and updating CS-Cart rows, the two delete jobs and the connector-database commands.
 * <ul>
 *   <li><b>MariaDB 11.4 with MySQL 8's sql_mode</b> (always): the embedded MariaDB, every connection's session set to
 *       MySQL 8's default {@code ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,
 *       ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION} (MariaDB's own default lacks {@code ONLY_FULL_GROUP_BY}
 *       and the zero-date modes; its {@code ONLY_FULL_GROUP_BY} is the stricter of the two: it knows no functional
 *       dependencies).</li>
 *   <li><b>MySQL 8.0 and MySQL 8.4</b> through Testcontainers where a Docker engine exists; skipped with the reason
 *       where not.</li>
 * </ul>
 * The fixture DDL and seed load on each, and the store generator's rows insert under the same mode.
 */
class MySqlPortabilityTest {

    private static final String PREFIX = ConnectorHarness.PREFIX;

    /** A database server to run the whole scenario on. */
    record Target(String name, Function<String, TestDatabase> create, String skipReason) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Target> targets() {
        String noDocker = MySqlContainers.dockerMissing();
        if (noDocker != null) {
            org.slf4j.LoggerFactory.getLogger(MySqlPortabilityTest.class).warn("MySQL 8.0/8.4 runs skipped: {}", noDocker);
        }
        return Stream.of(
                new Target("MariaDB 11.4 (embedded) with MySQL 8's sql_mode", TestDatabases::create, null),
                new Target("MySQL 8.0 (" + MySqlContainers.MYSQL_80 + ", Testcontainers)",
                        prefix -> MySqlContainers.create(MySqlContainers.MYSQL_80, prefix), noDocker),
                new Target("MySQL 8.4 (" + MySqlContainers.MYSQL_84 + ", Testcontainers)",
                        prefix -> MySqlContainers.create(MySqlContainers.MYSQL_84, prefix), noDocker));
    }

    private ConnectorHarness harness;

    @AfterEach
    void close() {
        if (harness != null) {
            harness.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void everyJobAndCommandRunsInMySqlStrictMode(Target target) {
        Assumptions.assumeTrue(target.skipReason() == null, () -> target.name() + " skipped: " + target.skipReason());

        TestDatabase store = strict(target.create().apply("cscart"));
        CsCartFixture.create(store.dataSource(), PREFIX);
        StoreData data = StoreGenerator.populateStore(store.dataSource(), PREFIX, 60, 30, 80, 2011L);
        TestDatabase connector = strict(target.create().apply("connector"));

        harness = ConnectorHarness.startWithStore(store)
                .set("spring.datasource.url", connector.jdbcUrl())
                .set("spring.datasource.username", connector.username())
                .set("spring.datasource.password", connector.password());
        StoreTaxes.mapped(harness).set("xero.tax-rates.create-missing", "true").set("sync.void-on-status", "I");
        JdbcTemplate cscart = store.jdbc();
        long category = cscart.queryForObject("SELECT MIN(category_id) FROM cscart_categories", Long.class);
        harness.set("cscart.import.category-id", Long.toString(category));

        ConfigurableApplicationContext app = harness.startApp();
        JobLaunchService jobs = ConnectorHarness.jobs(app);
        JdbcTemplate connectorDb = app.getBean(JdbcTemplate.class);
        DataSource cscartPool = app.getBean(DataSourcesConfiguration.CSCART, DataSource.class);
        assertThat(new JdbcTemplate(cscartPool).queryForObject("SELECT @@SESSION.sql_mode", String.class))
                .as("the jobs' CS-Cart connections").contains("ONLY_FULL_GROUP_BY", "STRICT_TRANS_TABLES", "NO_ZERO_DATE");
        assertThatThrownBy(() -> new JdbcTemplate(cscartPool).queryForList("SELECT tax_id, rate_value FROM cscart_tax_rates GROUP BY tax_id"))
                .as("ONLY_FULL_GROUP_BY bites").hasMessageContaining("GROUP BY");
        assertThat(connectorDb.queryForObject("SELECT @@SESSION.sql_mode", String.class))
                .as("the connector database's connections").contains("ONLY_FULL_GROUP_BY", "STRICT_TRANS_TABLES");

        // first run: check and taxes read everything a run will read
        Cli check = cli("check");
        assertThat(check.lines().filter(l -> l.startsWith("✗")).toList()).as(check.out()).isEmpty();
        assertThat(check.exit()).as(check.out()).isZero();
        Cli taxes = cli("taxes");
        assertThat(taxes.exit()).as(taxes.out()).isZero();

        // the exports, full and with each filter
        completed(jobs, "customerExportJob", Map.of());
        completed(jobs, "productExportJob", Map.of());
        completed(jobs, "orderExportJob", Map.of("since", "2020-01-01"));
        assertThat(harness.sandbox.contacts()).as("contacts in Xero").hasSizeGreaterThanOrEqualTo(50);
        assertThat(harness.sandbox.items()).as("items in Xero").isNotEmpty();
        assertThat(harness.sandbox.invoices()).as("invoices in Xero").isNotEmpty();
        long writesAfterFirstExport = harness.sandbox.stats().writeCalls();
        completed(jobs, "customerExportJob", Map.of());
        completed(jobs, "productExportJob", Map.of());
        completed(jobs, "orderExportJob", Map.of("since", "2020-01-01"));
        assertThat(harness.sandbox.stats().writeCalls() - writesAfterFirstExport)
                .as("Xero writes of a second export (what was read is read back the same)").isZero();
        long firstCustomer = data.customers().get(0).userId();
        long firstProduct = data.products().get(0).productId();
        long firstOrder = connectorDb.queryForObject("SELECT MIN(CAST(cscart_id AS UNSIGNED)) FROM sync_link WHERE entity = 'INVOICE' "
                + "AND state = 'SYNCED'", Long.class);
        completed(jobs, "customerExportJob", Map.of("userIds", Long.toString(firstCustomer), "since", "2000-01-01", "full", "true"));
        completed(jobs, "customerExportJob", Map.of("changedAfter", "0"));
        completed(jobs, "productExportJob", Map.of("productIds", Long.toString(firstProduct), "since", "2000-01-01",
                "statuses", "A,H,D", "full", "true"));
        completed(jobs, "productExportJob", Map.of("changedAfter", "0"));
        completed(jobs, "orderExportJob", Map.of("orderIds", Long.toString(firstOrder), "full", "true"));
        completed(jobs, "orderExportJob", Map.of("changedAfter", "0", "statuses", "P,C"));
        completed(jobs, "orderExportJob", Map.of("dryRun", "true", "full", "true"));

        // the imports: a contact and an item made in Xero become a customer and a product; an edit updates one
        XeroUser xero = new XeroUser(harness.sandbox);
        xero.put("/Contacts", """
                {"Contacts":[{"Name":"Ada Lovelace-Portable","FirstName":"Ada","LastName":"Lovelace",
                  "EmailAddress":"ada.portable@example.org",
                  "Addresses":[{"AddressType":"POBOX","AddressLine1":"12 Analytical St","City":"London","PostalCode":"N1 9GU","Country":"GB"}]}]}""");
        xero.put("/Items", """
                {"Items":[{"Code":"PORTABLE-1","Name":"Portable widget","Description":"Made in Xero",
                  "SalesDetails":{"UnitPrice":12.50,"AccountCode":"200"}}]}""");
        GeneratedCustomer edited = data.customers().stream()
                .filter(c -> !c.traits().contains(GeneratedCustomer.Trait.LONG_FIELDS)).findFirst().orElseThrow();
        String contactId = connectorDb.queryForObject("SELECT xero_id FROM sync_link WHERE entity = 'CONTACT' AND cscart_id = ?",
                String.class, Long.toString(edited.userId()));
        xero.post("/Contacts", """
                {"Contacts":[{"ContactID":"%s","Phones":[{"PhoneType":"DEFAULT","PhoneNumber":"+1 212 555 0142"}]}]}""".formatted(contactId));
        completed(jobs, "customerImportJob", Map.of("full", "true"));
        completed(jobs, "productImportJob", Map.of("full", "true"));
        completed(jobs, "customerImportJob", Map.of());
        assertThat(cscart.queryForObject("SELECT COUNT(*) FROM cscart_users u JOIN cscart_user_profiles p ON p.user_id = u.user_id "
                + "AND p.profile_type = 'P' WHERE u.email = 'ada.portable@example.org' AND u.user_type = 'C' AND p.b_city = 'London'",
                Integer.class)).as("customer created from the Xero contact").isEqualTo(1);
        assertThat(cscart.queryForObject("SELECT u.phone FROM cscart_users u WHERE u.user_id = ?", String.class, edited.userId()))
                .as("phone changed in Xero").isEqualTo("+1 212 555 0142");
        long imported = cscart.queryForObject("SELECT product_id FROM cscart_products WHERE product_code = 'PORTABLE-1'", Long.class);
        assertThat(cscart.queryForObject("SELECT COUNT(*) FROM cscart_product_descriptions WHERE product_id = ?", Integer.class, imported))
                .as("a description per language").isEqualTo(2);
        assertThat(cscart.queryForObject("SELECT price FROM cscart_product_prices WHERE product_id = ? AND lower_limit = 1 "
                + "AND usergroup_id = 0", BigDecimal.class, imported)).isEqualByComparingTo("12.50");
        assertThat(cscart.queryForObject("SELECT category_id FROM cscart_products_categories WHERE product_id = ? AND link_type = 'M'",
                Long.class, imported)).isEqualTo(category);

        // the customer made from Xero is exported once (it gets its ContactNumber); after that nothing is sent
        completed(jobs, "customerExportJob", Map.of());
        long writes = harness.sandbox.stats().writeCalls();
        completed(jobs, "customerExportJob", Map.of());
        completed(jobs, "productExportJob", Map.of());
        completed(jobs, "orderExportJob", Map.of("since", "2020-01-01"));
        assertThat(harness.sandbox.stats().writeCalls() - writes).as("Xero writes of exports after the imports").isZero();

        // the delete jobs
        GeneratedProduct disabled = data.products().stream().filter(p -> "A".equals(p.status())).findFirst().orElseThrow();
        cscart.update("UPDATE cscart_products SET status = 'D' WHERE product_id = ?", disabled.productId());
        completed(jobs, "productDeleteJob", Map.of("scope", "disabled"));
        completed(jobs, "productDeleteJob", Map.of("scope", "removed"));
        cscart.update("UPDATE cscart_orders SET status = 'I' WHERE order_id = ?", firstOrder);
        completed(jobs, "orderDeleteJob", Map.of("statuses", "I", "since", "2000-01-01"));
        completed(jobs, "orderDeleteJob", Map.of("orderIds", Long.toString(firstOrder)));

        // nothing went to the error log for a database reason
        List<String> sqlErrors = connectorDb.queryForList("SELECT message FROM sync_error", String.class).stream()
                .filter(m -> m != null && (m.contains("SQL") || m.contains("sql_mode") || m.contains("syntax"))).toList();
        assertThat(sqlErrors).as("error-log rows caused by SQL").isEmpty();
        assertThat(harness.sandbox.contacts()).extracting(SandboxContact::name).isNotEmpty();

        // the commands that read the connector database
        for (String[] command : List.of(new String[] {"executions"}, new String[] {"errors"}, new String[] {"errors", "--csv"},
                new String[] {"status"}, new String[] {"purge", "--older-than", "1h"})) {
            Cli result = cli(command);
            assertThat(result.exit()).as(String.join(" ", command) + ":\n" + result.out()).isZero();
        }
    }

    private static void completed(JobLaunchService jobs, String job, Map<String, String> parameters) {
        JobLaunchService.Outcome outcome = jobs.run(job, parameters);
        assertThat(outcome.execution().getStatus()).as(job + " " + parameters + ": " + outcome.message())
                .isEqualTo(BatchStatus.COMPLETED);
    }

    private record Cli(int exit, String out) {
        Stream<String> lines() {
            return out.lines();
        }
    }

    private Cli cli(String... command) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exit = harness.cli(new PrintStream(bytes, true, StandardCharsets.UTF_8), command);
        return new Cli(exit, bytes.toString(StandardCharsets.UTF_8));
    }

    /** The same database with every connection's session in MySQL 8's sql_mode (mysql-connector-j sessionVariables). */
    static TestDatabase strict(TestDatabase db) {
        String sessionVariables = URLEncoder.encode("sql_mode='" + MySqlContainers.MYSQL_SQL_MODE + "'", StandardCharsets.UTF_8);
        String url = db.jdbcUrl() + (db.jdbcUrl().contains("?") ? "&" : "?") + "sessionVariables=" + sessionVariables;
        return new TestDatabase(db.name(), url, db.username(), db.password());
    }
}
