package io.cscartxero.bench;

import java.time.Duration;
import java.util.function.LongSupplier;

import io.cscartxero.testsupport.ConnectorHarness;
import io.cscartxero.sandbox.SandboxSettings;
import io.cscartxero.testsupport.StoreGenerator;

/**
 * {@code ./mvnw -Pbench -Dbench.main=io.cscartxero.bench.AllJobsBenchmark [-Dbench.records=1000]}: calls per
 * job for all seven jobs as shipped: the three exports, both deletes, and the two imports back into an empty store (the
 * one-record-per-call baseline is {@link BatchingBenchmark}).
 */
public final class AllJobsBenchmark {

    public static void main(String[] args) {
        int n = Integer.getInteger("bench.records", 1000);
        SandboxSettings settings = SandboxSettings.defaults().withPort(0).withMinuteLimit(60, BenchSupport.window())
                .withDayLimit(100_000, Duration.ofDays(1));
        System.out.println(BenchSupport.machine());
        System.out.printf("Sandbox: 60 calls per %s window; records = what the job changed (exports: records created in Xero;"
                + " deletes: items deleted, invoices voided or deleted; imports: rows added to the empty store)%n", BenchSupport.window());
        System.out.println("| job | records | write calls | GET calls | records per write call | first write after | wall time |");
        System.out.println("|---|---|---|---|---|---|---|");
        try (ConnectorHarness source = ConnectorHarness.start(settings, false)) {
            StoreGenerator.populateStore(source.cscart.dataSource(), ConnectorHarness.PREFIX, n, n, n, 5L);
            BenchSupport.mapGeneratedTaxes(source);
            source.set("logging.level.io.cscartxero", "WARN");
            row(source, "customerExportJob", () -> source.sandbox.contacts().size());
            row(source, "productExportJob", () -> source.sandbox.items().size());
            long products = source.sandbox.items().size();
            source.cscartJdbc().update("UPDATE cscart_products SET status = 'D' WHERE product_id % 10 = 0");
            row(source, "productDeleteJob", () -> -source.sandbox.items().size(), "scope=disabled");
            // contacts and invoices together: the buyer step creates the contacts of guests and customers not yet in Xero
            row(source, "orderExportJob", () -> source.sandbox.invoices().size() + source.sandbox.contacts().size(), "statuses=P,C,O,F,D,B,I");
            long invoices = source.sandbox.invoices().size();
            // a tenth of the exported orders canceled in CS-Cart: their invoices voided (AUTHORISED) or deleted (DRAFT)
            source.cscartJdbc().update("UPDATE cscart_orders SET status = 'I' WHERE order_id % 10 = 0 AND is_parent_order <> 'Y'");
            row(source, "orderDeleteJob", () -> source.sandbox.invoices().stream().filter(i -> !i.status().equals("AUTHORISED")).count(), "statuses=I");
            // the same organisation imported into a second, empty store
            var target = io.cscartxero.testsupport.TestDatabases.create("import_target");
            io.cscartxero.testsupport.CsCartFixture.create(target.dataSource(), ConnectorHarness.PREFIX);
            long category = target.jdbc().queryForObject("SELECT MIN(category_id) FROM cscart_categories", Long.class);
            source.set("cscart.datasource.url", target.jdbcUrl()).set("cscart.import.category-id", Long.toString(category))
                    .set("spring.datasource.url", "jdbc:h2:mem:import-target;DB_CLOSE_DELAY=-1");
            row(source, "customerImportJob", () -> target.jdbc().queryForObject("SELECT COUNT(*) FROM cscart_users", Long.class));
            row(source, "productImportJob", () -> target.jdbc().queryForObject("SELECT COUNT(*) FROM cscart_products", Long.class));
            System.out.printf("(%d items and %d invoices in Xero after the exports; imports read %d contacts and %d items)%n", products,
                    invoices, source.sandbox.contacts().size(), source.sandbox.items().size());
        }
        // the embedded MariaDB's process watcher is not a daemon thread: without this, exec:java would wait forever
        System.exit(0);
    }

    /** Runs a job; its records are how much {@code count} grew (Xero records, or CS-Cart rows for the imports). */
    private static void row(ConnectorHarness h, String job, LongSupplier count, String... params) {
        long countBefore = count.getAsLong();
        BenchSupport.JobRun r = BenchSupport.run(h, job, params);
        long records = count.getAsLong() - countBefore;
        long w = r.writes();
        System.out.printf("| %s | %,d | %,d | %d | %s | %s | %.1f s |%n", job, records, w, r.gets(),
                w == 0 ? "–" : String.format("%.1f", (double) records / w),
                w == 0 ? "–" : String.format("%.2f s", r.firstWriteSeconds()), r.seconds());
    }
}
