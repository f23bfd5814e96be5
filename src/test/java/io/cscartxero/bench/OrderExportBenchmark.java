package io.cscartxero.bench;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;

import io.cscartxero.testsupport.ConnectorHarness;
import io.cscartxero.sandbox.SandboxSettings;
import io.cscartxero.testsupport.StoreGenerator;

/**
 * {@code ./mvnw -Pbench -Dbench.main=io.cscartxero.bench.OrderExportBenchmark [-Dbench.orders=10000]}: a back-fill of
 * orders (with customers, guests and products) into invoices; prints calls, records per call, wall time, peak heap.
 */
public final class OrderExportBenchmark {

    public static void main(String[] args) {
        int orders = Integer.getInteger("bench.orders", 10_000);
        SandboxSettings settings = SandboxSettings.defaults().withPort(0).withMinuteLimit(60, BenchSupport.window())
                .withDayLimit(1_000_000, Duration.ofDays(1));
        try (ConnectorHarness h = ConnectorHarness.start(settings, false)) {
            long genStart = System.nanoTime();
            StoreGenerator.populateStore(h.cscart.dataSource(), ConnectorHarness.PREFIX, 2_000, 500, orders, 9L);
            double genSeconds = (System.nanoTime() - genStart) / 1e9;
            BenchSupport.mapGeneratedTaxes(h);
            long lines = h.cscartJdbc().queryForObject("SELECT COUNT(*) FROM cscart_order_details", Long.class);
            BenchSupport.resetPeakHeap();
            long start = System.nanoTime();
            int exit = h.cli(new PrintStream(OutputStream.nullOutputStream()), "run", "orderExportJob", "statuses=P,C,O,F,D,B,I");
            double seconds = (System.nanoTime() - start) / 1e9;
            var stats = h.sandbox.stats();
            long invoiceWrites = stats.calls("PUT", "/Invoices") + stats.calls("POST", "/Invoices");
            long contactWrites = stats.calls("PUT", "/Contacts") + stats.calls("POST", "/Contacts");
            int invoices = h.sandbox.invoices().size();
            System.out.println();
            System.out.printf("orderExportJob benchmark (60 calls per %d s window; store generated in %.1f s)%n", settings.minuteWindow().toSeconds(), genSeconds);
            System.out.println("| metric | value |");
            System.out.println("|---|---|");
            System.out.printf("| orders / order lines in store | %d / %d |%n", orders, lines);
            System.out.printf("| exit code | %d |%n", exit);
            System.out.printf("| invoices in Xero | %d |%n", invoices);
            System.out.printf("| contacts in Xero | %d |%n", h.sandbox.contacts().size());
            System.out.printf("| invoice write calls / invoices per call | %d / %.1f |%n", invoiceWrites, (double) invoices / Math.max(1, invoiceWrites));
            System.out.printf("| contact write calls | %d |%n", contactWrites);
            System.out.printf("| GET calls | %d |%n", stats.totalCalls() - stats.writeCalls());
            System.out.printf("| 429s received | %d |%n", stats.rateLimited());
            System.out.printf("| wall time | %.1f s |%n", seconds);
            System.out.printf("| peak heap (JVM incl. sandbox and MariaDB driver) | %d MiB |%n", BenchSupport.peakHeapMiB());
        }
        // the embedded MariaDB's process watcher is not a daemon thread: without this, exec:java would wait forever
        System.exit(0);
    }
}
