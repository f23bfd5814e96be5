package io.cscartxero.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.cscartxero.ops.AutoSync;
import io.cscartxero.ops.Schedule;
import io.cscartxero.sandbox.SandboxContact;
import io.cscartxero.sandbox.SandboxInvoice;
import io.cscartxero.sandbox.SandboxItem;
import io.cscartxero.testsupport.StoreTaxes;
import io.cscartxero.testsupport.ConnectorHarness;
import io.cscartxero.testsupport.StoreGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** serve's automatic sync: each kind of change in CS-Cart reaches Xero on the next tick; a quiet store costs nothing. */
class AutoSyncTest {

    static final List<String> CHANGE_JOBS = List.of("customerExportJob", "productExportJob", "orderExportJob");
    private ConnectorHarness harness;

    @AfterEach
    void close() {
        if (harness != null) {
            harness.close();
        }
    }

    private long now() {
        return harness.cscartJdbc().queryForObject("SELECT UNIX_TIMESTAMP()", Long.class);
    }

    private ConfigurableApplicationContext store() {
        harness = ConnectorHarness.start();
        long now = harness.cscartJdbc().queryForObject("SELECT UNIX_TIMESTAMP()", Long.class);
        new StoreGenerator(harness.cscart.dataSource(), ConnectorHarness.PREFIX, 71L).withNow(now).customers(30);
        new StoreGenerator(harness.cscart.dataSource(), ConnectorHarness.PREFIX, 72L).withNow(now).products(20);
        new StoreGenerator(harness.cscart.dataSource(), ConnectorHarness.PREFIX, 73L).withNow(now).orders(40);
        StoreTaxes.mapped(harness).set("sync.void-on-status", "I");
        return harness.startApp();
    }

    @Test
    void everyKindOfChangeReachesXeroOnTheNextTickAndAQuietStoreMakesNoCall() {
        AutoSync sync = store().getBean(AutoSync.class);
        JdbcTemplate store = harness.cscartJdbc();
        sync.changes(CHANGE_JOBS);   // first tick: no watermark yet, everything is compared
        int contacts = harness.sandbox.contacts().size();
        int items = harness.sandbox.items().size();
        int invoices = harness.sandbox.invoices().size();
        assertThat(invoices).isPositive();

        // a quiet store: no call at all
        long calls = harness.sandbox.stats().totalCalls();
        sync.changes(CHANGE_JOBS);
        assertThat(harness.sandbox.stats().totalCalls()).isEqualTo(calls);

        // a customer registers; another one edits their details
        long t = now();
        store.update("INSERT INTO cscart_users (status, user_type, user_login, company_id, timestamp, firstname, lastname, email) "
                + "VALUES ('A', 'C', 'user_new', 1, ?, 'Nora', 'Newcomer', 'nora@example.org')", t);
        long nora = store.queryForObject("SELECT user_id FROM cscart_users WHERE email = 'nora@example.org'", Long.class);
        store.update("INSERT INTO cscart_user_profiles (user_id, profile_type, profile_name, profile_update_timestamp, b_city) "
                + "VALUES (?, 'P', 'Main', ?, 'Wellington')", nora, t);
        SandboxContact edited = harness.sandbox.contacts().get(0);
        long editedId = Long.parseLong(edited.contactNumber().substring("cscart-".length()));
        store.update("UPDATE cscart_user_profiles SET b_city = 'Dunedin', profile_update_timestamp = ? WHERE user_id = ? AND profile_type = 'P'", t, editedId);
        // a product is created, another one's price changes
        store.update("INSERT INTO cscart_products (product_code, product_type, status, company_id, timestamp, updated_timestamp, "
                + "details_layout, buy_now_url, facebook_obj_type) VALUES ('NEW-1', 'P', 'A', 1, ?, ?, 'default', '', '')", t, t);
        long newProduct = store.queryForObject("SELECT product_id FROM cscart_products WHERE product_code = 'NEW-1'", Long.class);
        store.update("INSERT INTO cscart_product_descriptions (product_id, lang_code, product) VALUES (?, 'en', 'Brand new')", newProduct);
        store.update("INSERT INTO cscart_product_prices (product_id, price, lower_limit, usergroup_id) VALUES (?, 42.00, 1, 0)", newProduct);
        SandboxItem repriced = harness.sandbox.items().get(0);
        long repricedId = store.queryForObject("SELECT product_id FROM cscart_products WHERE product_code = ? ORDER BY product_id LIMIT 1",
                Long.class, repriced.code());
        store.update("UPDATE cscart_product_prices SET price = 1234.56 WHERE product_id = ? AND lower_limit = 1 AND usergroup_id = 0", repricedId);
        store.update("UPDATE cscart_products SET updated_timestamp = ? WHERE product_id = ?", t, repricedId);
        // an order is edited, another one is canceled
        SandboxInvoice edit = harness.sandbox.invoices().get(0);
        SandboxInvoice cancel = harness.sandbox.invoices().get(1);
        store.update("UPDATE cscart_orders SET timestamp = timestamp - 86400, updated_at = ? WHERE order_id = ?", t, orderId(edit));
        store.update("UPDATE cscart_orders SET status = 'I', updated_at = ? WHERE order_id = ?", t, orderId(cancel));

        sync.changes(CHANGE_JOBS);

        assertThat(harness.sandbox.contacts()).hasSize(contacts + 1)
                .anySatisfy(c -> assertThat(c.emailAddress()).isEqualTo("nora@example.org"));
        assertThat(harness.sandbox.contacts().stream().filter(c -> c.contactNumber().equals(edited.contactNumber())).findFirst().orElseThrow()
                .address("POBOX").get("City")).isEqualTo("Dunedin");
        assertThat(harness.sandbox.items()).hasSize(items + 1).anySatisfy(i -> assertThat(i.code()).isEqualTo("NEW-1"));
        assertThat(harness.sandbox.items().stream().filter(i -> i.code().equals(repriced.code())).findFirst().orElseThrow().unitPrice())
                .isEqualByComparingTo("1234.56");
        assertThat(invoice(edit).date()).isEqualTo(edit.date().minusDays(1));
        assertThat(invoice(cancel).status()).isIn("VOIDED", "DELETED");

        // and quiet again
        long before = harness.sandbox.stats().writeCalls();
        sync.changes(CHANGE_JOBS);
        assertThat(harness.sandbox.stats().writeCalls()).isEqualTo(before);
    }

    @Test
    void theScheduledServeLoopDeliversANewCustomerWithinOneInterval() throws Exception {
        AutoSync sync = store().getBean(AutoSync.class);
        Path schedule = Files.createTempFile("schedule", ".properties");
        Files.writeString(schedule, "change.every=1s\nchange.jobs=customerExportJob\nnightly.cron=0 0 2 * * *\nnightly.jobs=customerExportJob\n");
        sync.start(Schedule.read(schedule), true);
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (harness.sandbox.contacts().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(harness.sandbox.contacts()).isNotEmpty();
            long t = now();
            harness.cscartJdbc().update("INSERT INTO cscart_users (status, user_type, user_login, company_id, timestamp, firstname, lastname, email) "
                    + "VALUES ('A', 'C', 'user_late', 1, ?, 'Lara', 'Late', 'lara@example.org')", t);
            long start = System.nanoTime();
            while (harness.sandbox.contacts().stream().noneMatch(c -> "lara@example.org".equals(c.emailAddress()))
                    && System.nanoTime() < start + Duration.ofSeconds(30).toNanos()) {
                Thread.sleep(20);
            }
            double latency = (System.nanoTime() - start) / 1e9;
            System.out.printf("change-to-Xero latency with change.every=1s: %.2f s%n", latency);
            assertThat(harness.sandbox.contacts()).anySatisfy(c -> assertThat(c.emailAddress()).isEqualTo("lara@example.org"));
        } finally {
            sync.stop();
        }
    }

    @Test
    void twoServeInstancesOnOneConnectorDatabaseNeverRunTheSameJobAtOnce() throws Exception {
        ConfigurableApplicationContext first = store();
        ConfigurableApplicationContext second = harness.startApp();    // a second process on the same connector DB
        harness.sandbox.faults().setSlowRate(1.0, Duration.ofMillis(40));
        Runnable tickA = () -> first.getBean(AutoSync.class).changes(CHANGE_JOBS);
        Runnable tickB = () -> second.getBean(AutoSync.class).changes(CHANGE_JOBS);
        Thread a = new Thread(tickA);
        Thread b = new Thread(tickB);
        a.start();
        b.start();
        a.join();
        b.join();
        tickA.run();
        tickB.run();

        // executions of one job never overlap in time, and nothing reached Xero twice
        JdbcTemplate connector = first.getBean(JdbcTemplate.class);
        List<java.util.Map<String, Object>> runs = connector.queryForList("SELECT i.JOB_NAME, e.START_TIME, e.END_TIME FROM BATCH_JOB_EXECUTION e "
                + "JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID ORDER BY i.JOB_NAME, e.START_TIME");
        for (int i = 1; i < runs.size(); i++) {
            if (runs.get(i).get("JOB_NAME").equals(runs.get(i - 1).get("JOB_NAME"))) {
                assertThat(((java.sql.Timestamp) runs.get(i).get("START_TIME")).toInstant())
                        .isAfterOrEqualTo(((java.sql.Timestamp) runs.get(i - 1).get("END_TIME")).toInstant());
            }
        }
        assertThat(harness.sandbox.contacts().stream().map(SandboxContact::contactNumber).toList()).doesNotHaveDuplicates();
        assertThat(harness.sandbox.items().stream().map(SandboxItem::code).toList()).doesNotHaveDuplicates();
        assertThat(harness.sandbox.invoices().stream().map(SandboxInvoice::invoiceNumber).toList()).doesNotHaveDuplicates();
        assertThat(harness.sandbox.invoices()).isNotEmpty();
    }

    @Test
    void serveContinuesARunThatXerosDailyLimitStoppedOnceTheLimitHasReset() throws Exception {
        harness = ConnectorHarness.start(ConnectorHarness.fastSandbox().withDayLimit(3, Duration.ofDays(1)), false);
        new StoreGenerator(harness.cscart.dataSource(), ConnectorHarness.PREFIX, 74L).customers(300);
        // one call per chunk, so three calls a day are three chunks (an e-mail Xero refuses costs its chunk one call more)
        harness.cscartJdbc().update("UPDATE cscart_users SET email = CONCAT('customer', user_id, '@example.com')");
        ConfigurableApplicationContext app = harness.startApp();
        var stopped = ConnectorHarness.jobs(app).run("customerExportJob", java.util.Map.of());
        assertThat(stopped.message()).contains("daily API limit");
        harness.sandbox.clock().advance(Duration.ofDays(1).plusMinutes(1));   // Xero's day window has reset

        Path schedule = Files.createTempFile("schedule", ".properties");
        Files.writeString(schedule, "change.every=1h\nchange.jobs=customerExportJob\nnightly.cron=0 0 2 * * *\nnightly.jobs=customerExportJob\n");
        AutoSync sync = app.getBean(AutoSync.class);
        sync.start(Schedule.read(schedule), true);
        sync.stop();

        JdbcTemplate connector = app.getBean(JdbcTemplate.class);
        assertThat(connector.queryForObject("SELECT STATUS FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID "
                + "WHERE i.JOB_INSTANCE_ID = ? ORDER BY e.JOB_EXECUTION_ID DESC LIMIT 1", String.class,
                stopped.execution().getJobInstance().getInstanceId())).isEqualTo("COMPLETED");
        long rejected = connector.queryForObject("SELECT COUNT(*) FROM sync_link WHERE state = 'REJECTED'", Long.class);
        assertThat(harness.sandbox.contacts().stream().map(SandboxContact::contactNumber).toList()).doesNotHaveDuplicates();
        assertThat(harness.sandbox.contacts().size() + rejected).isEqualTo(300);
    }

    private static long orderId(SandboxInvoice invoice) {
        return Long.parseLong(invoice.invoiceNumber().substring("CS-".length()));
    }

    private SandboxInvoice invoice(SandboxInvoice like) {
        return harness.sandbox.invoices().stream().filter(i -> i.invoiceId().equals(like.invoiceId())).findFirst().orElseThrow();
    }
}
