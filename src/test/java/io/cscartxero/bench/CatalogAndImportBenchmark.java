package io.cscartxero.bench;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;

import io.cscartxero.it.ConnectorHarness;
import io.cscartxero.sandbox.SandboxSettings;
import io.cscartxero.testsupport.StoreGenerator;

/**
 * {@code ./mvnw -Pbench -Dbench.main=io.cscartxero.bench.CatalogAndImportBenchmark [-Dbench.records=1000]}: calls per
 * job for products → items, the product delete, and the two imports back into an empty store.
 */
public final class CatalogAndImportBenchmark {

    public static void main(String[] args) {
        int n = Integer.getInteger("bench.records", 1000);
        SandboxSettings settings = SandboxSettings.defaults().withPort(0).withMinuteLimit(60, BenchSupport.window())
                .withDayLimit(100_000, Duration.ofDays(1));
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        System.out.println("| job | records | write calls | GET calls | records per write call | wall time |");
        System.out.println("|---|---|---|---|---|---|");
        try (ConnectorHarness source = ConnectorHarness.start(settings, false)) {
            StoreGenerator generator = new StoreGenerator(source.cscart.dataSource(), ConnectorHarness.PREFIX, 5L);
            generator.customers(n);
            generator.products(n);
            row(source, quiet, "customerExportJob", n);
            row(source, quiet, "productExportJob", n);
            long products = source.cscartJdbc().queryForObject("SELECT COUNT(*) FROM cscart_products WHERE status IN ('A','H')", Long.class);
            source.cscartJdbc().update("UPDATE cscart_products SET status = 'D' WHERE product_id % 10 = 0");
            row(source, quiet, "productDeleteJob", n / 10, "scope=disabled");
            // the same organisation imported into a second, empty store
            var target = io.cscartxero.testsupport.TestDatabases.create("import_target");
            io.cscartxero.testsupport.CsCartFixture.create(target.dataSource(), ConnectorHarness.PREFIX);
            long category = target.jdbc().queryForObject("SELECT MIN(category_id) FROM cscart_categories", Long.class);
            source.set("cscart.datasource.url", target.jdbcUrl()).set("cscart.import.category-id", Long.toString(category))
                    .set("spring.datasource.url", "jdbc:h2:mem:import-target;DB_CLOSE_DELAY=-1");
            row(source, quiet, "customerImportJob", source.sandbox.contacts().size());
            row(source, quiet, "productImportJob", source.sandbox.items().size());
            System.out.printf("(%d products exported; imports read %d contacts and %d items)%n", products,
                    source.sandbox.contacts().size(), source.sandbox.items().size());
        }
        // the embedded MariaDB's process watcher is not a daemon thread: without this, exec:java would wait forever
        System.exit(0);
    }

    private static void row(ConnectorHarness h, PrintStream quiet, String job, long records, String... params) {
        var stats = h.sandbox.stats();
        long writes = stats.writeCalls();
        long gets = stats.totalCalls() - stats.writeCalls();
        long start = System.nanoTime();
        String[] command = new String[2 + params.length];
        command[0] = "run";
        command[1] = job;
        System.arraycopy(params, 0, command, 2, params.length);
        h.cli(quiet, command);
        double seconds = (System.nanoTime() - start) / 1e9;
        long w = h.sandbox.stats().writeCalls() - writes;
        long g = h.sandbox.stats().totalCalls() - h.sandbox.stats().writeCalls() - gets;
        System.out.printf("| %s | %d | %d | %d | %.1f | %.1f s |%n", job, records, w, g, w == 0 ? 0.0 : (double) records / w, seconds);
    }
}
