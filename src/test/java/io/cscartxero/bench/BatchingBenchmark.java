package io.cscartxero.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.cscartxero.testsupport.ConnectorHarness;
import io.cscartxero.sandbox.SandboxSettings;
import io.cscartxero.testsupport.StoreGenerator;

/**
 * {@code ./mvnw -Pbench -Dbench.main=io.cscartxero.bench.BatchingBenchmark [-Dbench.sizes=1000,10000] [-Dbench.window=1s]}:
 * each export job at each size, batched (50 per call, as shipped) and then, in the same process against the same
 * store, one record per call ({@code sync.chunk-size=1}, what the per-record connectors do). Prints write calls,
 * records per call, the ratio, how much of the rate limit each run used, 429s and the time to the first write.
 * <p>
 * The sandbox keeps Xero's limit of 60 calls per window with the window scaled down (default 1 s instead of 60 s) so
 * the one-per-call runs finish; call counts do not depend on the window, and "at Xero's limit" converts the calls to
 * the time they need at 60 calls per real minute.
 */
public final class BatchingBenchmark {

    private static final String[] JOBS = {"customerExportJob", "productExportJob", "orderExportJob"};

    record Run(String job, int size, int chunk, long records, long writes, long gets, long rateLimited, double seconds,
            double firstWriteSeconds, double windowUse, int exit) {
    }

    public static void main(String[] args) {
        Duration window = BenchSupport.window("1s");
        SandboxSettings settings = SandboxSettings.defaults().withPort(0).withMinuteLimit(60, window)
                .withDayLimit(1_000_000, Duration.ofDays(1));
        List<Run> runs = new ArrayList<>();
        for (String size : System.getProperty("bench.sizes", "1000,10000").split(",")) {
            int n = Integer.parseInt(size.trim());
            try (ConnectorHarness h = ConnectorHarness.start(settings, false)) {
                StoreGenerator.populateStore(h.cscart.dataSource(), ConnectorHarness.PREFIX, n, n, n, 11L);
                BenchSupport.mapGeneratedTaxes(h);
                h.set("logging.level.io.cscartxero", "WARN"); // no progress line per one-record chunk
                for (String chunkSize : System.getProperty("bench.chunks", "50,1").split(",")) {
                    int chunk = Integer.parseInt(chunkSize.trim());
                    // a fresh organisation and connector database: each mode starts from nothing
                    h.sandbox.reset();
                    BenchSupport.mapGeneratedTaxes(h);
                    h.set("spring.datasource.url", "jdbc:h2:mem:bench-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")
                            .set("sync.chunk-size", Integer.toString(chunk));
                    for (String job : JOBS) {
                        Run run = run(h, job, n, chunk, window);
                        runs.add(run);
                        System.out.printf("  %s n=%d chunk=%d: %d writes in %.1f s%n", job, n, chunk, run.writes(), run.seconds());
                    }
                }
            }
        }
        print(runs, window);
        // the embedded MariaDB's process watcher is not a daemon thread: without this, exec:java would wait forever
        System.exit(0);
    }


    private static Run run(ConnectorHarness h, String job, int n, int chunk, Duration window) {
        long beforeRecords = records(h, job);
        String[] paths = {"/Contacts", "/Invoices", "/TaxRates", "/Accounts", "/Currencies", "/Organisation", "/Items"};
        long[] getsBefore = new long[paths.length];
        for (int i = 0; i < paths.length; i++) {
            getsBefore[i] = h.sandbox.stats().calls("GET", paths[i]);
        }
        BenchSupport.JobRun r = job.equals("orderExportJob") ? BenchSupport.run(h, job, "statuses=P,C,O,F,D,B,I") : BenchSupport.run(h, job);
        if (System.getProperty("bench.gets") != null) {
            for (int i = 0; i < paths.length; i++) {
                System.out.printf("  %s GET %s: %d%n", job, paths[i], h.sandbox.stats().calls("GET", paths[i]) - getsBefore[i]);
            }
        }
        return new Run(job, n, chunk, records(h, job) - beforeRecords, r.writes(), r.gets(), r.rateLimited(), r.seconds(),
                r.firstWriteSeconds(), BenchSupport.windowUse(r.calls(), window, 60), r.exit());
    }

    private static long records(ConnectorHarness h, String job) {
        return switch (job) {
            case "customerExportJob" -> h.sandbox.contacts().size();
            case "productExportJob" -> h.sandbox.items().size();
            // contacts and invoices together: orderExportJob's buyer step creates the contacts its orders need
            case "orderExportJob" -> h.sandbox.invoices().size() + h.sandbox.contacts().size();
            default -> h.sandbox.invoices().size();
        };
    }

    private static void print(List<Run> runs, Duration window) {
        System.out.println();
        System.out.println(BenchSupport.machine());
        System.out.printf("Sandbox: 60 calls per %s window, 5 in flight; 'at Xero's limit' = calls at 60 per real minute%n%n", window);
        System.out.println("| job | records | sync.chunk-size | write calls | records per write call | GET calls | 429s | rate limit used | first write after | wall time | at Xero's limit |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        for (Run r : runs) {
            System.out.printf("| %s | %,d | %s | %,d | %.1f | %d | %d | %s | %.2f s | %.1f s | %s |%n", r.job(), r.records(),
                    r.chunk() == 1 ? "1 (baseline)" : Integer.toString(r.chunk()), r.writes(), (double) r.records() / Math.max(1, r.writes()),
                    r.gets(), r.rateLimited(), Double.isNaN(r.windowUse()) ? "– (under one window)" : String.format("%.0f %%", 100 * r.windowUse()),
                    r.firstWriteSeconds(), r.seconds(), BenchSupport.atXeroLimit(r.writes() + r.gets()));
        }
        System.out.println("(exit code 3 = completed, some records in the error log: e.g. e-mails Xero refuses)");
        System.out.println();
        System.out.println("| job | records | write calls batched | write calls one per record | ratio |");
        System.out.println("|---|---|---|---|---|");
        for (Run batched : runs) {
            if (batched.chunk() == 1) continue;
            runs.stream().filter(r -> r.chunk() == 1 && r.job().equals(batched.job()) && r.size() == batched.size()).findFirst()
                    .ifPresent(single -> System.out.printf("| %s | %,d | %,d | %,d | %.1f× fewer |%n", batched.job(), batched.records(),
                            batched.writes(), single.writes(), (double) single.writes() / Math.max(1, batched.writes())));
        }
        runs.stream().filter(r -> r.exit() != 0 && r.exit() != 3).forEach(r -> System.out.printf("note: %s n=%d chunk=%d failed: exit %d%n", r.job(), r.size(), r.chunk(), r.exit()));
    }
}
