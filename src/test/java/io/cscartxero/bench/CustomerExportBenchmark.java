package io.cscartxero.bench;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;

import io.cscartxero.testsupport.ConnectorHarness;
import io.cscartxero.sandbox.SandboxSettings;
import io.cscartxero.testsupport.StoreGenerator;

/**
 * {@code ./mvnw -Pbench [-Dbench.customers=10000] [-Dbench.window=60s]}: exports generated customers to the sandbox
 * under Xero's limits (60 calls per window, 5 in flight) and prints wall time, calls, records per call and 429s.
 * Not a test: it asserts nothing, it measures.
 */
public final class CustomerExportBenchmark {

    public static void main(String[] args) {
        int customers = Integer.getInteger("bench.customers", 10_000);
        Duration window = BenchSupport.window();
        SandboxSettings settings = SandboxSettings.defaults().withPort(0).withMinuteLimit(60, window).withDayLimit(100_000, Duration.ofDays(1));
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        try (ConnectorHarness harness = ConnectorHarness.start(settings, false)) {
            long genStart = System.nanoTime();
            new StoreGenerator(harness.cscart.dataSource(), ConnectorHarness.PREFIX, 7L).customers(customers);
            double genSeconds = (System.nanoTime() - genStart) / 1e9;

            long start = System.nanoTime();
            int exit = harness.cli(quiet, "run", "customerExportJob");
            double seconds = (System.nanoTime() - start) / 1e9;
            var stats = harness.sandbox.stats();
            long writes = stats.writeCalls();
            long contacts = harness.sandbox.contacts().size();
            long rateLimited = stats.rateLimited();
            long gets = stats.calls("GET", "/Contacts");
            double windowUse = BenchSupport.windowUse(stats.timeline(), window, 60);

            long secondStart = System.nanoTime();
            harness.cli(quiet, "run", "customerExportJob");
            double secondSeconds = (System.nanoTime() - secondStart) / 1e9;
            long secondWrites = harness.sandbox.stats().writeCalls() - writes;

            System.out.println();
            System.out.println(BenchSupport.machine());
            System.out.println("customerExportJob benchmark (sandbox limits: 60 calls per " + window.toSeconds() + " s window, 5 in flight)");
            System.out.println("| metric | value |");
            System.out.println("|---|---|");
            System.out.printf("| customers in store | %d (generated in %.1f s) |%n", customers, genSeconds);
            System.out.printf("| exit code | %d |%n", exit);
            System.out.printf("| contacts in Xero | %d |%n", contacts);
            System.out.printf("| wall time, first run | %.1f s |%n", seconds);
            System.out.printf("| write calls (PUT/POST) | %d |%n", writes);
            System.out.printf("| records per write call | %.1f |%n", (double) customers / Math.max(1, writes));
            System.out.printf("| GET calls | %d |%n", gets);
            System.out.printf("| 429s received | %d |%n", rateLimited);
            System.out.printf("| rate limit used (calls ÷ calls allowed in the windows spanned) | %s |%n",
                    Double.isNaN(windowUse) ? "– (under one window)" : String.format("%.0f %%", 100 * windowUse));
            System.out.printf("| lower bound from the rate limit | %.1f s |%n",
                    Math.max(0, Math.ceil((double) (writes + gets) / 60) - 1) * window.toMillis() / 1000.0);
            System.out.printf("| second run (no changes): wall time / write calls | %.1f s / %d |%n", secondSeconds, secondWrites);
        }
        // the embedded MariaDB's process watcher is not a daemon thread: without this, exec:java would wait forever
        System.exit(0);
    }
}
