package io.cscartxero.proof;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.cscartxero.sandbox.SandboxContact;
import io.cscartxero.sandbox.SandboxInvoice;
import io.cscartxero.sandbox.SandboxItem;
import io.cscartxero.testsupport.ConnectorHarness;
import io.cscartxero.testsupport.StoreGenerator;
import io.cscartxero.testsupport.XeroUser;
import io.cscartxero.testsupport.StoreTaxes;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The books of one connector under test: prepares the data one job needs (CS-Cart rows for the exports, Xero records
 * for the imports), adds more later, and checks that the two sides agree exactly: one Xero record per CS-Cart record
 * (exports) or one CS-Cart record per Xero record (imports), nothing missing (records in the target + error-log rows ==
 * records selected), links consistent with what is in the target, imported CS-Cart rows complete.
 */
final class Books {

    /** The five jobs that move records. */
    enum SyncJob {
        CUSTOMER_EXPORT("customerExportJob"), PRODUCT_EXPORT("productExportJob"), ORDER_EXPORT("orderExportJob"),
        CUSTOMER_IMPORT("customerImportJob"), PRODUCT_IMPORT("productImportJob");

        final String jobName;

        SyncJob(String jobName) {
            this.jobName = jobName;
        }

        boolean isImport() {
            return this == CUSTOMER_IMPORT || this == PRODUCT_IMPORT;
        }
    }

    /** What a check found, for reports. */
    record Counts(int selected, int inTarget, int rejected) {
        @Override
        public String toString() {
            return selected + " selected, " + inTarget + " in target, " + rejected + " in the error log";
        }
    }

    private final SyncJob job;
    private final ConnectorHarness harness;
    private final JdbcTemplate store;
    private final SplittableRandom random;
    private final long seed;
    private int xeroRecordsAdded;
    /** Imports: CS-Cart rows before the first import, and the Xero records that reuse an existing CS-Cart row. */
    private long storeRowsBefore;
    private long maxIdBefore;
    private final Set<String> matchedKeys = new HashSet<>();

    Books(SyncJob job, ConnectorHarness harness, long seed) {
        this.job = job;
        this.harness = harness;
        this.store = harness.cscartJdbc();
        this.seed = seed;
        this.random = new SplittableRandom(seed);
    }

    SyncJob job() {
        return job;
    }

    /** The connector database as a separate client sees it (works while no application context is open). */
    static JdbcTemplate connector(ConnectorHarness harness) {
        Map<String, String> p = harness.properties();
        return new JdbcTemplate(new DriverManagerDataSource(harness.connectorUrl, p.get("spring.datasource.username"),
                p.get("spring.datasource.password")));
    }

    // ------------------------------------------------------------------------------------------------ data

    /** Writes the records the job will move: {@code size} of them (orders: {@code size} orders). */
    Books prepare(int size) {
        switch (job) {
            case CUSTOMER_EXPORT -> new StoreGenerator(harness.cscart.dataSource(), ConnectorHarness.PREFIX, seed).customers(size);
            case PRODUCT_EXPORT -> new StoreGenerator(harness.cscart.dataSource(), ConnectorHarness.PREFIX, seed).products(size);
            case ORDER_EXPORT -> {
                StoreGenerator.populateStore(harness.cscart.dataSource(), ConnectorHarness.PREFIX, Math.max(20, size / 6),
                        Math.max(20, size / 8), size, seed);
                mapTaxes(harness);
            }
            case CUSTOMER_IMPORT -> {
                new StoreGenerator(harness.cscart.dataSource(), ConnectorHarness.PREFIX, seed).customers(30);
                storeRowsBefore = count("SELECT COUNT(*) FROM cscart_users");
                maxIdBefore = count("SELECT MAX(user_id) FROM cscart_users");
                List<String> reusable = store.queryForList("SELECT MIN(email) FROM cscart_users "
                        + "WHERE email REGEXP '^[a-z0-9_+-]+([.][a-z0-9_+-]+)*@[a-z0-9-]+([.][a-z0-9-]+)*[.][a-z]{2,}$' GROUP BY LOWER(email) HAVING COUNT(*) = 1 AND MIN(user_type) = 'C' "
                        + "ORDER BY MIN(user_id) LIMIT 8", String.class);
                addContacts(size, reusable);
            }
            case PRODUCT_IMPORT -> {
                new StoreGenerator(harness.cscart.dataSource(), ConnectorHarness.PREFIX, seed).products(20);
                storeRowsBefore = count("SELECT COUNT(*) FROM cscart_products");
                maxIdBefore = count("SELECT MAX(product_id) FROM cscart_products");
                List<String> reusable = store.queryForList("SELECT MIN(product_code) FROM cscart_products WHERE product_code <> '' "
                        + "AND LENGTH(product_code) <= 30 GROUP BY product_code HAVING COUNT(*) = 1 ORDER BY MIN(product_id) LIMIT 6",
                        String.class);
                addItems(size, reusable);
                harness.set("cscart.import.category-id",
                        Long.toString(store.queryForObject("SELECT MIN(category_id) FROM cscart_categories", Long.class)));
            }
        }
        return this;
    }

    /** The Xero tax rates and the mapping the order export needs ({@link StoreTaxes}). */
    static void mapTaxes(ConnectorHarness harness) {
        StoreTaxes.mapped(harness);
    }

    /** More records on the source side (new customers, products, orders; new contacts or items in Xero). */
    Books grow(int more) {
        StoreGenerator generator = new StoreGenerator(harness.cscart.dataSource(), ConnectorHarness.PREFIX, seed + 1);
        switch (job) {
            case CUSTOMER_EXPORT -> generator.customers(more);
            case PRODUCT_EXPORT -> generator.products(more);
            case ORDER_EXPORT -> generator.orders(more);
            case CUSTOMER_IMPORT -> addContacts(more, List.of());
            case PRODUCT_IMPORT -> addItems(more, List.of());
        }
        return this;
    }

    /** Contacts typed in Xero: unique e-mails (some upper case), every 25th without e-mail, some reusing CS-Cart's. */
    private void addContacts(int n, List<String> reusedEmails) {
        XeroUser xero = new XeroUser(harness.sandbox);
        List<String> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = xeroRecordsAdded++;
            String email;
            if (i < reusedEmails.size()) {
                email = reusedEmails.get(i).toUpperCase(Locale.ROOT);
                matchedKeys.add(email.toLowerCase(Locale.ROOT));
            } else if (k % 25 == 7) {
                email = null;
            } else {
                email = (k % 9 == 0 ? "Person." : "person.") + k + "." + seed + "@example.org";
            }
            String first = pick(FIRST) ;
            String last = pick(LAST);
            batch.add("{\"Name\":\"" + first + " " + last + " " + k + "\",\"FirstName\":\"" + first + "\",\"LastName\":\"" + last + "\""
                    + (email == null ? "" : ",\"EmailAddress\":\"" + email + "\"")
                    + ",\"Addresses\":[{\"AddressType\":\"POBOX\",\"AddressLine1\":\"" + (k + 1) + " Billing Rd\",\"City\":\"London\","
                    + "\"PostalCode\":\"N" + (k % 20) + " 1AA\",\"Country\":\"United Kingdom\"},"
                    + "{\"AddressType\":\"STREET\",\"AddressLine1\":\"" + (k + 1) + " Ship St\",\"City\":\"Boston\",\"Region\":\"MA\","
                    + "\"PostalCode\":\"02134\",\"Country\":\"US\"}],"
                    + "\"Phones\":[{\"PhoneType\":\"DEFAULT\",\"PhoneNumber\":\"+44 20 7946 " + String.format("%04d", k % 10000) + "\"}]}");
            if (batch.size() == 50) {
                xero.put("/Contacts", "{\"Contacts\":[" + String.join(",", batch) + "]}");
                batch.clear();
                harness.sandbox.clock().advance(TYPING_PAUSE);
            }
        }
        if (!batch.isEmpty()) {
            xero.put("/Contacts", "{\"Contacts\":[" + String.join(",", batch) + "]}");
        }
    }

    /** Items typed in Xero: unique codes, some reusing CS-Cart product codes. */
    private void addItems(int n, List<String> reusedCodes) {
        XeroUser xero = new XeroUser(harness.sandbox);
        List<String> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = xeroRecordsAdded++;
            String code = i < reusedCodes.size() ? reusedCodes.get(i) : "XI-" + seed % 1000 + "-" + k;
            if (i < reusedCodes.size()) {
                matchedKeys.add(code);
            }
            String price = (1 + random.nextInt(500)) + "." + String.format("%02d", random.nextInt(100));
            batch.add("{\"Code\":\"" + code + "\",\"Name\":\"" + pick(FIRST) + " " + pick(THINGS) + " " + k + "\","
                    + "\"Description\":\"Item " + k + " typed in Xero\",\"SalesDetails\":{\"UnitPrice\":" + price + ",\"AccountCode\":\"200\"}}");
            if (batch.size() == 50) {
                xero.put("/Items", "{\"Items\":[" + String.join(",", batch) + "]}");
                batch.clear();
                harness.sandbox.clock().advance(TYPING_PAUSE);
            }
        }
        if (!batch.isEmpty()) {
            xero.put("/Items", "{\"Items\":[" + String.join(",", batch) + "]}");
        }
    }

    /** Records are typed in Xero over time: batches are two seconds apart on the sandbox clock (UpdatedDateUTC). */
    private static final java.time.Duration TYPING_PAUSE = java.time.Duration.ofSeconds(2);

    private static final String[] FIRST = { "Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "Ken", "Radia", "Niklaus" };
    private static final String[] LAST = { "Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen", "Thompson", "Perlman", "Wirth" };
    private static final String[] THINGS = { "widget", "gadget", "lamp", "mug", "chair", "poster", "kettle", "scarf" };

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    /** How many records the job will select now (exports: CS-Cart rows; imports: Xero records). */
    int selected() {
        return switch (job) {
            case CUSTOMER_EXPORT -> (int) count("SELECT COUNT(*) FROM cscart_users WHERE user_type = 'C'");
            case PRODUCT_EXPORT -> (int) count("SELECT COUNT(*) FROM cscart_products WHERE status IN ('A', 'H')");
            case ORDER_EXPORT -> (int) count("SELECT COUNT(*) FROM cscart_orders WHERE is_parent_order <> 'Y' AND status IN ('P', 'C')");
            case CUSTOMER_IMPORT -> (int) harness.sandbox.contacts().stream().filter(c -> !c.archived()).count();
            case PRODUCT_IMPORT -> harness.sandbox.items().size();
        };
    }

    /**
     * Exports: changes every selected record in CS-Cart (customers' phone, products' base price, orders' date), so
     * that a chunk re-sent after a crash carries a different payload (and Idempotency-Key) than the one that reached
     * Xero before the crash: the restart must find those records by ContactNumber / Code / InvoiceNumber, not duplicate them.
     */
    void touchAll() {
        switch (job) {
            case CUSTOMER_EXPORT -> store.update("UPDATE cscart_users SET phone = CONCAT('+1 555 0', user_id) WHERE user_type = 'C'");
            case PRODUCT_EXPORT -> store.update("UPDATE cscart_product_prices SET price = price + 1 WHERE lower_limit = 1 AND usergroup_id = 0");
            case ORDER_EXPORT -> store.update("UPDATE cscart_orders SET timestamp = timestamp - 86400");
            default -> throw new IllegalStateException("only exports are touched: " + job);
        }
    }

    /** Exports: what Xero holds equals what CS-Cart holds now, for the field {@link #touchAll()} changed. */
    void checkTouchedValues() {
        switch (job) {
            case CUSTOMER_EXPORT -> {
                Map<String, String> phones = new java.util.HashMap<>();
                store.query("SELECT user_id, phone FROM cscart_users WHERE user_type = 'C'",
                        rs -> { phones.put("cscart-" + rs.getLong(1), rs.getString(2)); });
                assertThat(harness.sandbox.contacts()).allSatisfy(c -> assertThat(c.phone("DEFAULT").get("PhoneNumber"))
                        .as("phone of %s", c.contactNumber()).isEqualTo(phones.get(c.contactNumber())));
            }
            case PRODUCT_EXPORT -> {
                Map<String, BigDecimal> prices = new java.util.HashMap<>();
                connector(harness).query("SELECT xero_id, cscart_id FROM sync_link WHERE entity = 'ITEM' AND state = 'SYNCED'", rs -> {
                    prices.put(rs.getString(1), store.queryForObject("SELECT price FROM cscart_product_prices WHERE product_id = ? "
                            + "AND lower_limit = 1 AND usergroup_id = 0", BigDecimal.class, Long.valueOf(rs.getString(2))));
                });
                assertThat(harness.sandbox.items()).allSatisfy(i -> assertThat(i.unitPrice()).as("price of %s", i.code())
                        .isEqualByComparingTo(prices.get(i.itemId())));
            }
            case ORDER_EXPORT -> {
                Map<String, java.time.LocalDate> dates = new java.util.HashMap<>();
                store.query("SELECT order_id, timestamp FROM cscart_orders", rs -> {
                    dates.put("CS-" + rs.getLong(1), java.time.LocalDate.ofInstant(java.time.Instant.ofEpochSecond(rs.getLong(2)),
                            java.time.ZoneOffset.UTC));
                });
                assertThat(harness.sandbox.invoices()).allSatisfy(i -> assertThat(i.date()).as("date of %s", i.invoiceNumber())
                        .isEqualTo(dates.get(i.invoiceNumber())));
            }
            default -> throw new IllegalStateException("only exports are touched: " + job);
        }
    }

    /**
     * Records the job wrote to the target but has not linked (yet): written by a chunk whose transaction has not
     * committed. Right after a kill, a positive number means the kill landed in that window.
     */
    int unlinkedInTarget() {
        JdbcTemplate connector = connector(harness);
        return switch (job) {
            case CUSTOMER_EXPORT -> unlinked(connector, "CONTACT", harness.sandbox.contacts().stream().map(SandboxContact::contactId));
            case PRODUCT_EXPORT -> unlinked(connector, "ITEM", harness.sandbox.items().stream().map(SandboxItem::itemId));
            case ORDER_EXPORT -> unlinked(connector, "INVOICE", harness.sandbox.invoices().stream().map(SandboxInvoice::invoiceId));
            case CUSTOMER_IMPORT -> unlinkedRows(connector, "CONTACT", "SELECT CAST(user_id AS CHAR) FROM cscart_users WHERE user_id > ?");
            case PRODUCT_IMPORT -> unlinkedRows(connector, "ITEM", "SELECT CAST(product_id AS CHAR) FROM cscart_products WHERE product_id > ?");
        };
    }

    private static int unlinked(JdbcTemplate connector, String entity, java.util.stream.Stream<String> xeroIds) {
        Set<String> linked = Set.copyOf(connector.queryForList("SELECT xero_id FROM sync_link WHERE entity = ? AND state = 'SYNCED'",
                String.class, entity));
        return (int) xeroIds.filter(id -> !linked.contains(id)).count();
    }

    private int unlinkedRows(JdbcTemplate connector, String entity, String newRows) {
        Set<String> linked = Set.copyOf(connector.queryForList("SELECT cscart_id FROM sync_link WHERE entity = ? AND state = 'SYNCED'",
                String.class, entity));
        return (int) store.queryForList(newRows, String.class, maxIdBefore).stream().filter(id -> !linked.contains(id)).count();
    }

    // ------------------------------------------------------------------------------------------------ checks

    /** Asserts that both sides agree exactly; returns the counts. */
    Counts check() {
        JdbcTemplate connector = connector(harness);
        return switch (job) {
            case CUSTOMER_EXPORT -> checkCustomerExport(connector);
            case PRODUCT_EXPORT -> checkProductExport(connector);
            case ORDER_EXPORT -> checkOrderExport(connector);
            case CUSTOMER_IMPORT -> checkCustomerImport(connector);
            case PRODUCT_IMPORT -> checkProductImport(connector);
        };
    }

    private Counts checkCustomerExport(JdbcTemplate connector) {
        int selected = (int) count("SELECT COUNT(*) FROM cscart_users WHERE user_type = 'C'");
        List<SandboxContact> contacts = harness.sandbox.contacts();
        List<String> numbers = contacts.stream().map(SandboxContact::contactNumber).toList();
        assertThat(numbers).as("ContactNumbers in Xero").doesNotHaveDuplicates().allMatch(n -> n.matches("cscart-\\d+"));
        checkExportLinks(connector, "CONTACT", contacts.stream().collect(Collectors.toMap(SandboxContact::contactId, SandboxContact::contactNumber)));
        int rejected = checkRejections(connector, "CONTACT", selected, contacts.size());
        // every customer is either in Xero or in the error log
        Set<String> inXero = contacts.stream().map(c -> c.contactNumber().substring("cscart-".length())).collect(Collectors.toSet());
        Set<String> logged = loggedIds(connector, "CONTACT");
        for (String id : store.queryForList("SELECT CAST(user_id AS CHAR) FROM cscart_users WHERE user_type = 'C'", String.class)) {
            assertThat(inXero.contains(id) || logged.contains(id)).as("customer %s is in Xero or in the error log", id).isTrue();
        }
        return new Counts(selected, contacts.size(), rejected);
    }

    private Counts checkProductExport(JdbcTemplate connector) {
        int selected = (int) count("SELECT COUNT(*) FROM cscart_products WHERE status IN ('A', 'H')");
        List<SandboxItem> items = harness.sandbox.items();
        assertThat(items.stream().map(i -> i.code().toLowerCase(Locale.ROOT)).toList()).as("Item codes in Xero").doesNotHaveDuplicates();
        checkExportLinks(connector, "ITEM", items.stream().collect(Collectors.toMap(SandboxItem::itemId, SandboxItem::code)));
        int rejected = checkRejections(connector, "ITEM", selected, items.size());
        Set<String> linked = Set.copyOf(connector.queryForList("SELECT cscart_id FROM sync_link WHERE entity = 'ITEM'", String.class));
        for (String id : store.queryForList("SELECT CAST(product_id AS CHAR) FROM cscart_products WHERE status IN ('A', 'H')", String.class)) {
            assertThat(linked).as("product %s has a link (SYNCED or REJECTED)", id).contains(id);
        }
        return new Counts(selected, items.size(), rejected);
    }

    private Counts checkOrderExport(JdbcTemplate connector) {
        int selected = (int) count("SELECT COUNT(*) FROM cscart_orders WHERE is_parent_order <> 'Y' AND status IN ('P', 'C')");
        List<SandboxInvoice> invoices = harness.sandbox.invoices();
        assertThat(invoices.stream().map(SandboxInvoice::invoiceNumber).toList()).as("InvoiceNumbers in Xero").doesNotHaveDuplicates()
                .allMatch(n -> n.matches("CS-\\d+"));
        checkExportLinks(connector, "INVOICE", invoices.stream().collect(Collectors.toMap(SandboxInvoice::invoiceId, SandboxInvoice::invoiceNumber)));
        Set<String> inXero = invoices.stream().map(i -> i.invoiceNumber().substring(3)).collect(Collectors.toSet());
        Set<String> logged = loggedIds(connector, "INVOICE");
        for (String id : store.queryForList("SELECT CAST(order_id AS CHAR) FROM cscart_orders WHERE is_parent_order <> 'Y' "
                + "AND status IN ('P', 'C')", String.class)) {
            assertThat(inXero.contains(id) || logged.contains(id)).as("order %s is in Xero or in the error log; link %s; order %s", id,
                    connector.queryForList("SELECT * FROM sync_link WHERE entity = 'INVOICE' AND cscart_id = ?", id),
                    store.queryForList("SELECT order_id, status, total, user_id, email, is_parent_order, parent_order_id FROM cscart_orders WHERE order_id = ?", Long.valueOf(id)))
                    .isTrue();
        }
        int rejected = checkRejections(connector, "INVOICE", selected, invoices.size());
        // contacts first: one per customer / guest e-mail, each linked once
        List<SandboxContact> contacts = harness.sandbox.contacts();
        assertThat(contacts.stream().map(SandboxContact::contactNumber).toList()).as("ContactNumbers in Xero").doesNotHaveDuplicates();
        assertThat(connector.queryForObject("SELECT COUNT(*) FROM sync_link WHERE entity IN ('CONTACT', 'GUEST') AND state = 'SYNCED'",
                Long.class)).as("SYNCED contact links").isEqualTo(contacts.size());
        Set<String> contactIds = contacts.stream().map(SandboxContact::contactId).collect(Collectors.toSet());
        assertThat(invoices).allSatisfy(i -> assertThat(contactIds).contains(i.contactId()));
        // every invoice adds up to its order's total
        Map<String, BigDecimal> totals = store.query("SELECT order_id, total FROM cscart_orders", rs -> {
            Map<String, BigDecimal> m = new java.util.HashMap<>();
            while (rs.next()) {
                m.put("CS-" + rs.getLong(1), rs.getBigDecimal(2));
            }
            return m;
        });
        assertThat(invoices).allSatisfy(i -> assertThat(i.total()).as(i.invoiceNumber()).isEqualByComparingTo(totals.get(i.invoiceNumber())));
        return new Counts(selected, invoices.size(), rejected);
    }

    /** SYNCED links: exactly the records in Xero, by id and key. */
    private static void checkExportLinks(JdbcTemplate connector, String entity, Map<String, String> keyById) {
        List<Map<String, Object>> synced = connector.queryForList(
                "SELECT xero_id, xero_key FROM sync_link WHERE entity = ? AND state = 'SYNCED'", entity);
        assertThat(synced).as("SYNCED %s links", entity).hasSize(keyById.size());
        for (Map<String, Object> link : synced) {
            assertThat(keyById).as("%s link %s", entity, link).containsEntry(String.valueOf(link.get("xero_id")),
                    String.valueOf(link.get("xero_key")));
        }
    }

    /**
     * Records in Xero + records in the error log == selected. The error log names every REJECTED link, and also the
     * records that could not be mapped at all (no link); a record is never both in Xero and only in the error log.
     */
    private int checkRejections(JdbcTemplate connector, String entity, int selected, int inTarget) {
        Set<String> logged = loggedIds(connector, entity);
        Set<String> rejectedIds = Set.copyOf(connector.queryForList(
                "SELECT cscart_id FROM sync_link WHERE entity = ? AND state = 'REJECTED'", String.class, entity));
        Set<String> syncedIds = Set.copyOf(connector.queryForList(
                "SELECT cscart_id FROM sync_link WHERE entity = ? AND state = 'SYNCED'", String.class, entity));
        assertThat(logged).as("error log rows of %s include every rejected link", entity).containsAll(rejectedIds);
        Set<String> notSent = new HashSet<>(logged);
        notSent.removeAll(syncedIds);
        assertThat(inTarget + notSent.size()).as("%s in Xero (%d) + only in the error log (%d: %s) == selected", entity, inTarget,
                notSent.size(), connector.queryForList("SELECT DISTINCT cscart_id, message FROM sync_error WHERE job_name = ? AND entity = ?",
                        job.jobName, entity)).isEqualTo(selected);
        return notSent.size();
    }

    /** CS-Cart ids in the error log of this job (excluding notes about accepted records). */
    private Set<String> loggedIds(JdbcTemplate connector, String entity) {
        return Set.copyOf(connector.queryForList("SELECT DISTINCT cscart_id FROM sync_error WHERE job_name = ? AND entity = ? "
                + "AND message NOT LIKE '%differs from the order total%'", String.class, job.jobName, entity));
    }

    private Counts checkCustomerImport(JdbcTemplate connector) {
        List<SandboxContact> contacts = harness.sandbox.contacts().stream().filter(c -> !c.archived()).toList();
        List<SandboxContact> withEmail = contacts.stream().filter(c -> c.emailAddress() != null && !c.emailAddress().isBlank()).toList();
        Map<String, SandboxContact> byId = contacts.stream().collect(Collectors.toMap(SandboxContact::contactId, Function.identity()));
        for (SandboxContact c : withEmail) {
            List<Map<String, Object>> rows = store.queryForList("SELECT user_id, user_type, user_login FROM cscart_users WHERE LOWER(email) = ?",
                    c.emailAddress().toLowerCase(Locale.ROOT));
            assertThat(rows).as("CS-Cart customers with the e-mail of contact %s", c.name()).hasSize(1);
            Map<String, Object> user = rows.get(0);
            assertThat(user.get("user_type")).isEqualTo("C");
            assertThat(String.valueOf(user.get("user_login"))).as("user_login of %s", c.emailAddress()).isNotBlank();
            assertThat(count("SELECT COUNT(*) FROM cscart_user_profiles WHERE user_id = ? AND profile_type = 'P'", user.get("user_id")))
                    .as("main profiles of %s", c.emailAddress()).isEqualTo(1);
        }
        long created = withEmail.stream().filter(c -> !matchedKeys.contains(c.emailAddress().toLowerCase(Locale.ROOT))).count();
        assertThat(count("SELECT COUNT(*) FROM cscart_users")).as("CS-Cart users: before + one per new contact").isEqualTo(storeRowsBefore + created);
        assertThat(count("SELECT COUNT(*) FROM cscart_users u WHERE u.user_id > ? AND (u.user_login = '' OR u.user_type <> 'C' "
                + "OR (SELECT COUNT(*) FROM cscart_user_profiles p WHERE p.user_id = u.user_id AND p.profile_type = 'P') <> 1)", maxIdBefore))
                .as("imported users without exactly one main profile, a login or type C").isZero();
        // links: one SYNCED link per contact with an e-mail, pointing at its customer
        List<Map<String, Object>> links = connector.queryForList("SELECT cscart_id, xero_id FROM sync_link WHERE entity = 'CONTACT' AND state = 'SYNCED'");
        assertThat(links).as("SYNCED contact links").hasSize(withEmail.size());
        for (Map<String, Object> link : links) {
            SandboxContact c = byId.get(String.valueOf(link.get("xero_id")));
            assertThat(c).as("linked contact %s", link).isNotNull();
            assertThat(store.queryForObject("SELECT LOWER(email) FROM cscart_users WHERE user_id = ?", String.class,
                    Long.valueOf(String.valueOf(link.get("cscart_id"))))).isEqualTo(c.emailAddress().toLowerCase(Locale.ROOT));
        }
        // the contacts without e-mail are in the error log, nothing else is
        Set<String> logged = Set.copyOf(connector.queryForList("SELECT DISTINCT xero_id FROM sync_error WHERE job_name = 'customerImportJob' "
                + "AND message NOT LIKE 'Warning:%'", String.class));
        Set<String> noEmail = contacts.stream().filter(c -> !withEmail.contains(c)).map(SandboxContact::contactId).collect(Collectors.toSet());
        assertThat(logged).as("contacts in the error log").isEqualTo(noEmail);
        assertThat(links.size() + logged.size()).isEqualTo(contacts.size());
        return new Counts(contacts.size(), links.size(), logged.size());
    }

    private Counts checkProductImport(JdbcTemplate connector) {
        List<SandboxItem> items = harness.sandbox.items();
        long languages = count("SELECT COUNT(*) FROM cscart_languages");
        Map<String, SandboxItem> byId = items.stream().collect(Collectors.toMap(SandboxItem::itemId, Function.identity()));
        for (SandboxItem item : items) {
            List<Long> ids = store.queryForList("SELECT product_id FROM cscart_products WHERE product_code = ?", Long.class, item.code());
            assertThat(ids).as("CS-Cart products with code %s", item.code()).hasSize(1);
            long id = ids.get(0);
            assertThat(count("SELECT COUNT(*) FROM cscart_product_descriptions WHERE product_id = ?", id)).as("descriptions of %s", item.code())
                    .isEqualTo(languages);
            assertThat(count("SELECT COUNT(*) FROM cscart_product_prices WHERE product_id = ? AND lower_limit = 1 AND usergroup_id = 0", id))
                    .as("base price rows of %s", item.code()).isEqualTo(1);
            assertThat(count("SELECT COUNT(*) FROM cscart_products_categories WHERE product_id = ? AND link_type = 'M'", id))
                    .as("main category rows of %s", item.code()).isEqualTo(1);
            if (!matchedKeys.contains(item.code())) {
                assertThat(store.queryForObject("SELECT price FROM cscart_product_prices WHERE product_id = ? AND lower_limit = 1 "
                        + "AND usergroup_id = 0", BigDecimal.class, id)).isEqualByComparingTo(item.unitPrice());
            }
        }
        long created = items.stream().filter(i -> !matchedKeys.contains(i.code())).count();
        assertThat(count("SELECT COUNT(*) FROM cscart_products")).as("CS-Cart products: before + one per new item").isEqualTo(storeRowsBefore + created);
        List<Map<String, Object>> links = connector.queryForList("SELECT cscart_id, xero_id, xero_key FROM sync_link WHERE entity = 'ITEM' AND state = 'SYNCED'");
        assertThat(links).as("SYNCED item links").hasSize(items.size());
        for (Map<String, Object> link : links) {
            SandboxItem item = byId.get(String.valueOf(link.get("xero_id")));
            assertThat(item).as("linked item %s", link).isNotNull();
            assertThat(store.queryForObject("SELECT product_code FROM cscart_products WHERE product_id = ?", String.class,
                    Long.valueOf(String.valueOf(link.get("cscart_id"))))).isEqualTo(item.code());
        }
        long logged = connector.queryForObject("SELECT COUNT(DISTINCT xero_id) FROM sync_error WHERE job_name = 'productImportJob' "
                + "AND message NOT LIKE 'Warning:%'", Long.class);   // warnings (a price not applied) skip nothing
        assertThat(logged).as("items in the error log").isZero();
        return new Counts(items.size(), links.size(), (int) logged);
    }

    private long count(String sql, Object... args) {
        return store.queryForObject(sql, Long.class, args);
    }
}
