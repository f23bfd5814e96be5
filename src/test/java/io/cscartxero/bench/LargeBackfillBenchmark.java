package io.cscartxero.bench;

import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.cscartxero.CsCartXeroApplication;
import io.cscartxero.testsupport.ConnectorHarness;
import io.cscartxero.sandbox.SandboxSettings;
import io.cscartxero.sandbox.SandboxStats.CallTime;
import io.cscartxero.testsupport.StoreGenerator;
import io.cscartxero.testsupport.StoreData;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * {@code ./mvnw -Pbench -Dbench.main=io.cscartxero.bench.LargeBackfillBenchmark [-Dbench.orders=100000] [-Dbench.heap=256m]
 * [-Dbench.window=1s]}: a store of 100,000 orders on the embedded MariaDB, and the connector in its own JVM with
 * {@code -Xmx256m} (as an operator runs the jar), twice: a {@code dryRun=true} export (reads and computes every invoice,
 * sends nothing: the CS-Cart read rate) and the real back-fill into the sandbox (peak heap from the GC log, time from
 * launch to the first write, exact invoice count). The connector database is on MariaDB too.
 * <p>{@code -Dbench.export=false}: the dry run only (the read rate). {@code -Dbench.jvmArgs="-XX:StartFlightRecording=
 * filename=target/bench/{name}.jfr"}: extra options of the connector's JVM, e.g. a Flight Recorder profile per run.
 * Besides wall time, the CPU time (user + sys) the connector JVM and the embedded MariaDB spent during the step, per
 * 10,000 orders: less sensitive to other load on the machine than the wall time.
 * <p>{@code -Dbench.readOnly=true}: after each dry run, the CS-Cart read alone ({@code io.cscartxero.order.OrderReadBenchmark}
 * in its own JVM with the same options: the reader's queries, row mapping and PHP unserialize, no tax plan, invoice,
 * report or Spring Batch), with its own rows in the table — which part of the dry run is the database read.
 */
public final class LargeBackfillBenchmark {

    private static final String STATUSES = "P,C,O,F,D,B,I";
    private static final Pattern GC_PAUSE = Pattern.compile("Pause.*?(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

    record ChildRun(int exit, double launchToEndSeconds, double stepSeconds, long read, long written, long skipped,
            long peakBeforeGcMiB, long maxAfterGcMiB, long heapCommittedMiB, boolean outOfMemory, double stepCpuSeconds,
            double dbCpuSeconds, double jvmCpuSeconds) {
    }

    public static void main(String[] args) throws Exception {
        int orders = Integer.getInteger("bench.orders", 100_000);
        String heap = System.getProperty("bench.heap", "256m");
        Duration window = BenchSupport.window("1s");
        Path dir = Files.createDirectories(Path.of(System.getProperty("bench.dir", "target/bench")));
        SandboxSettings settings = SandboxSettings.defaults().withPort(0).withMinuteLimit(60, window)
                .withDayLimit(10_000_000, Duration.ofDays(1));
        try (ConnectorHarness h = ConnectorHarness.start(settings, true)) {
            long genStart = System.nanoTime();
            StoreData store = StoreGenerator.populateStore(h.cscart.dataSource(), ConnectorHarness.PREFIX, orders / 5, 2_000,
                    orders, 13L);
            double genSeconds = (System.nanoTime() - genStart) / 1e9;
            BenchSupport.mapGeneratedTaxes(h);
            JdbcTemplate cscart = h.cscartJdbc();
            long eligible = cscart.queryForObject("SELECT COUNT(*) FROM cscart_orders WHERE is_parent_order <> 'Y' AND status IN "
                    + inList(STATUSES), Long.class);
            long lines = cscart.queryForObject("SELECT COUNT(*) FROM cscart_order_details d JOIN cscart_orders o ON o.order_id = d.order_id"
                    + " WHERE o.is_parent_order <> 'Y' AND o.status IN " + inList(STATUSES), Long.class);
            JdbcTemplate connector = new JdbcTemplate(new DriverManagerDataSource(h.connectorUrl,
                    h.properties().get("spring.datasource.username"), h.properties().get("spring.datasource.password")));
            System.out.printf("store: %d orders (%d lines) generated in %.0f s; %d orders with lines %d eligible%n",
                    store.orders().orders(), store.orders().lines(), genSeconds, eligible, lines);

            h.set("sync.report-dir", dir.toAbsolutePath().toString());   // reports only go into the report directory
            // -Dbench.cscartUrlParams=useServerPrepStmts=true&cachePrepStmts=true: Connector/J options on the store's URL
            String urlParams = System.getProperty("bench.cscartUrlParams", "");
            if (!urlParams.isBlank()) {
                String url = h.properties().get("cscart.datasource.url");
                h.set("cscart.datasource.url", url + (url.contains("?") ? "&" : "?") + urlParams);
            }
            // -Dbench.compare=/other/checkout/target/classes: that build's dry run and this one's, alternately on the same
            // store (-Dbench.rounds=2 rounds), so that both meet the same load on a shared machine; then the report
            String compare = System.getProperty("bench.compare");
            if (compare != null) {
                int rounds = Integer.getInteger("bench.rounds", 2);
                List<String> table = new ArrayList<>();
                for (int r = 0; r < rounds; r++) {
                    for (String build : List.of("before", "after")) {
                        String name = "dry-" + build + "-" + r;
                        ChildRun run = runChild(h, connector, dir, heap, name, "before".equals(build) ? compare : null, "run",
                                "orderExportJob", "statuses=" + STATUSES, "dryRun=true", "report=" + name + ".jsonl");
                        String load = Files.readString(Path.of("/proc/loadavg")).trim().split(" ")[0];
                        table.add(String.format("| %s (round %d) | %d | %,d | %.2f s | %,.0f | %,.0f | %.2f s | %.2f s | %s |", build, r + 1,
                                run.exit(), run.read(), run.stepSeconds(), lines / run.stepSeconds(), (run.read() + lines) / run.stepSeconds(),
                                run.stepCpuSeconds() * 10_000 / run.read(), run.dbCpuSeconds() * 10_000 / run.read(), load));
                        System.out.println(table.get(table.size() - 1));
                        if (READ_ONLY) {
                            ReadRun read = runReadOnly(h, dir, heap, "read-" + build + "-" + r, "before".equals(build) ? compare : null);
                            load = Files.readString(Path.of("/proc/loadavg")).trim().split(" ")[0];
                            table.add(readRow(build + " read only (round " + (r + 1) + ")", read, load));
                            System.out.println(table.get(table.size() - 1));
                        }
                    }
                }
                System.out.println();
                System.out.println(BenchSupport.machine());
                System.out.printf("dry run of orderExportJob, %,d orders (%,d eligible, %,d lines), connector in its own JVM -Xmx%s %s%n",
                        orders, eligible, lines, heap, System.getProperty("bench.jvmArgs", ""));
                System.out.println("| build | exit | orders read | step time | lines/s | orders+lines/s | connector CPU per 10k orders"
                        + " | MariaDB CPU per 10k orders | load (1 min) after |");
                System.out.println("|---|---|---|---|---|---|---|---|---|");
                table.forEach(System.out::println);
                System.exit(0);
            }
            if (READ_ONLY) {
                ReadRun read = runReadOnly(h, dir, heap, "read", System.getProperty("bench.classesFirst"));
                System.out.println("read only: " + read);
                System.out.println(readRow("read only", read, Files.readString(Path.of("/proc/loadavg")).trim().split(" ")[0]));
            }
            ChildRun dry = runChild(h, connector, dir, heap, "dry", System.getProperty("bench.classesFirst"), "run", "orderExportJob", "statuses=" + STATUSES, "dryRun=true",
                    "report=dry-run.jsonl");
            System.out.println("dry run: " + dry);
            System.out.printf("dry run step: %,.0f orders/s, %,.0f lines/s, %,.0f orders+lines/s; CPU per 10k orders: connector"
                    + " %.2f s, MariaDB %.2f s (connector JVM in all %.1f s)%n", dry.read() / dry.stepSeconds(), lines / dry.stepSeconds(),
                    (dry.read() + lines) / dry.stepSeconds(), dry.stepCpuSeconds() * 10_000 / dry.read(),
                    dry.dbCpuSeconds() * 10_000 / dry.read(), dry.jvmCpuSeconds());
            if (!Boolean.parseBoolean(System.getProperty("bench.export", "true"))) {
                System.exit(0);
            }

            int before = h.sandbox.stats().timeline().size();
            long launch = System.nanoTime();
            ChildRun export = runChild(h, connector, dir, heap, "export", System.getProperty("bench.classesFirst"), "run", "orderExportJob", "statuses=" + STATUSES);
            List<CallTime> calls = h.sandbox.stats().timeline();
            calls = calls.subList(before, calls.size());
            double firstWrite = calls.stream().filter(CallTime::write).findFirst().map(c -> (c.nanos() - launch) / 1e9).orElse(Double.NaN);
            long invoiceCalls = h.sandbox.stats().calls("PUT", "/Invoices") + h.sandbox.stats().calls("POST", "/Invoices");
            long contactCalls = h.sandbox.stats().calls("PUT", "/Contacts") + h.sandbox.stats().calls("POST", "/Contacts");
            int invoices = h.sandbox.invoices().size();
            long distinctNumbers = h.sandbox.invoices().stream().map(i -> i.invoiceNumber()).distinct().count();
            long errors = connector.queryForObject("SELECT COUNT(*) FROM sync_error", Long.class);

            System.out.println();
            System.out.println(BenchSupport.machine());
            System.out.printf("orderExportJob, %,d orders, connector in its own JVM with -Xmx%s (default GC), CS-Cart and connector DB on"
                    + " MariaDB 11.4 (embedded), sandbox at 60 calls per %s%n", orders, heap, window);
            System.out.println("| metric | dry run (reads and computes, sends nothing) | back-fill into Xero |");
            System.out.println("|---|---|---|");
            System.out.printf("| exit code | %d | %d |%n", dry.exit(), export.exit());
            System.out.printf("| orders read / invoices written | %,d / %,d | %,d / %,d (%,d in Xero, %,d distinct numbers) |%n",
                    dry.read(), dry.written(), export.read(), export.written(), invoices, distinctNumbers);
            System.out.printf("| order lines read | %,d | %,d |%n", lines, lines);
            System.out.printf("| records in the error log | – | %,d |%n", errors);
            System.out.printf("| step time | %.1f s | %.1f s |%n", dry.stepSeconds(), export.stepSeconds());
            System.out.printf("| CS-Cart read rate (orders + lines per second of step) | %,.0f | %,.0f |%n",
                    (dry.read() + lines) / dry.stepSeconds(), (export.read() + lines) / export.stepSeconds());
            System.out.printf("| Xero write calls (invoices / contacts) | 0 | %,d / %,d |%n", invoiceCalls, contactCalls);
            System.out.printf("| 429s received | 0 | %d |%n", calls.stream().filter(c -> c.status() == 429).count());
            System.out.printf("| launch to first invoice/contact write | – | %.1f s |%n", firstWrite);
            System.out.printf("| launch to exit | %.1f s | %.1f s |%n", dry.launchToEndSeconds(), export.launchToEndSeconds());
            System.out.printf("| peak heap used (largest occupancy before a GC) | %d MiB | %d MiB |%n", dry.peakBeforeGcMiB(), export.peakBeforeGcMiB());
            System.out.printf("| largest heap after a GC (live set) | %d MiB | %d MiB |%n", dry.maxAfterGcMiB(), export.maxAfterGcMiB());
            System.out.printf("| largest heap committed | %d MiB | %d MiB |%n", dry.heapCommittedMiB(), export.heapCommittedMiB());
            System.out.printf("| OutOfMemoryError | %s | %s |%n", dry.outOfMemory() ? "yes" : "no", export.outOfMemory() ? "yes" : "no");
            System.out.printf("(logs and GC logs in %s)%n", dir.toAbsolutePath());
        }
        // the embedded MariaDB's process watcher is not a daemon thread: without this, exec:java would wait forever
        System.exit(0);
    }

    private static ChildRun runChild(ConnectorHarness h, JdbcTemplate connector, Path dir, String heap, String name, String first,
            String... command)
            throws Exception {
        Path log = dir.resolve(name + ".log");
        Path gcLog = dir.resolve(name + "-gc.log");
        List<String> args = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-Xlog:gc:file=" + gcLog.toAbsolutePath()));
        // -Dbench.jvmArgs="-XX:StartFlightRecording=filename=target/bench/dry.jfr,settings=profile": a profile of the child
        // -Dbench.jvmArgsBefore="...": other JVM options for the "before" runs of -Dbench.compare (e.g. the same classes
        // twice, -Dbench.compare=target/classes, with two garbage collectors)
        String extra = (name.startsWith("dry-before-") ? System.getProperty("bench.jvmArgsBefore", System.getProperty("bench.jvmArgs", ""))
                : System.getProperty("bench.jvmArgs", "")).replace("{name}", name);
        if (!extra.isBlank()) {
            args.addAll(Arrays.asList(extra.trim().split("\\s+")));
        }
        // -Dbench.classesFirst=/other/checkout/target/classes: that build's connector against the same store (before/after)
        args.addAll(List.of("-cp", (first == null ? "" : first + java.io.File.pathSeparator) + classPath(),
                CsCartXeroApplication.class.getName()));
        args.addAll(List.of(command));
        h.properties().forEach((k, v) -> args.add("--" + k + "=" + v));
        // CPU time (user + sys) of the connector JVM and of the embedded MariaDB, sampled while the child runs: the CPU
        // a step costs is less sensitive to other load on the machine than its wall time
        ProcessHandle db = mariaDb();
        long start = System.nanoTime();
        Process child = new ProcessBuilder(args).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        List<long[]> samples = cpuSamples(child, db);
        int exit = child.exitValue();
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Object> step = connector.queryForMap("SELECT READ_COUNT, WRITE_COUNT, PROCESS_SKIP_COUNT + WRITE_SKIP_COUNT + READ_SKIP_COUNT AS SKIPS,"
                + " TIMESTAMPDIFF(MICROSECOND, START_TIME, END_TIME) AS MICROS, START_TIME, END_TIME FROM BATCH_STEP_EXECUTION"
                + " ORDER BY STEP_EXECUTION_ID DESC LIMIT 1");
        long stepStart = millis(step.get("START_TIME"));
        long stepEnd = millis(step.get("END_TIME"));
        long[] atStart = at(samples, stepStart);
        long[] atEnd = at(samples, stepEnd);
        long[] last = samples.isEmpty() ? new long[3] : samples.get(samples.size() - 1);
        long[] gc = gcPeaks(gcLog);
        boolean oom = Files.readString(log).contains("OutOfMemoryError");
        return new ChildRun(exit, seconds, ((Number) step.get("MICROS")).longValue() / 1e6, ((Number) step.get("READ_COUNT")).longValue(),
                ((Number) step.get("WRITE_COUNT")).longValue(), ((Number) step.get("SKIPS")).longValue(), gc[0], gc[1], gc[2], oom,
                (atEnd[1] - atStart[1]) / 1e9, (atEnd[2] - atStart[2]) / 1e9, last[1] / 1e9);
    }

    /** The embedded MariaDB's server process (a child of this JVM), or null. */
    private static ProcessHandle mariaDb() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.contains("mariadbd") || c.contains("mysqld")).orElse(false))
                .findFirst().orElse(null);
    }

    /** Until the child ends, every 20 ms: {wall millis, child CPU ns, MariaDB CPU ns (0 without db)}. */
    private static List<long[]> cpuSamples(Process child, ProcessHandle db) throws InterruptedException {
        List<long[]> samples = new ArrayList<>();
        while (!child.waitFor(20, java.util.concurrent.TimeUnit.MILLISECONDS)) {
            long cpu = child.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
            long dbCpu = db == null ? 0 : db.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
            if (cpu >= 0) {
                samples.add(new long[] { System.currentTimeMillis(), cpu, dbCpu });
            }
        }
        return samples;
    }

    /** -Dbench.readOnly=true: also the reader alone ({@code OrderReadBenchmark}: queries, row mapping, PHP unserialize). */
    private static final boolean READ_ONLY = Boolean.getBoolean("bench.readOnly");
    private static final Pattern READ_LINE = Pattern.compile("read-only: (\\d+) orders, (\\d+) lines, (\\d+) ns, start (\\d+), end (\\d+)");

    record ReadRun(long orders, long lines, double seconds, double cpuSeconds, double dbCpuSeconds) {
    }

    private static String readRow(String build, ReadRun run, String load) {
        return String.format("| %s | 0 | %,d | %.2f s | %,.0f | %,.0f | %.2f s | %.2f s | %s |", build, run.orders(), run.seconds(),
                run.lines() / run.seconds(), (run.orders() + run.lines()) / run.seconds(), run.cpuSeconds() * 10_000 / run.orders(),
                run.dbCpuSeconds() * 10_000 / run.orders(), load);
    }

    /** The reader alone in its own JVM (same heap and JVM options as the job's), timed and CPU-sampled like a step. */
    private static ReadRun runReadOnly(ConnectorHarness h, Path dir, String heap, String name, String first) throws Exception {
        Path log = dir.resolve(name + ".log");
        List<String> args = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + heap));
        String extra = System.getProperty("bench.jvmArgs", "").replace("{name}", name);
        if (!extra.isBlank()) {
            args.addAll(Arrays.asList(extra.trim().split("\\s+")));
        }
        args.addAll(List.of("-cp", (first == null ? "" : first + java.io.File.pathSeparator) + classPath(),
                "io.cscartxero.order.OrderReadBenchmark", "statuses=" + STATUSES));
        h.properties().forEach((k, v) -> args.add("--" + k + "=" + v));
        ProcessHandle db = mariaDb();
        Process child = new ProcessBuilder(args).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        List<long[]> samples = cpuSamples(child, db);
        Matcher m = READ_LINE.matcher(Files.readString(log));
        if (child.exitValue() != 0 || !m.find()) {
            throw new IllegalStateException("the read-only run failed, see " + log);
        }
        long[] atStart = at(samples, Long.parseLong(m.group(4)));
        long[] atEnd = at(samples, Long.parseLong(m.group(5)));
        return new ReadRun(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)) / 1e9,
                (atEnd[1] - atStart[1]) / 1e9, (atEnd[2] - atStart[2]) / 1e9);
    }

    private static long millis(Object timestamp) {
        if (timestamp instanceof java.sql.Timestamp t) {
            return t.getTime();
        }
        if (timestamp instanceof java.time.LocalDateTime t) {
            return t.atZone(java.time.ZoneId.systemDefault()).toInstant().toEpochMilli();
        }
        throw new IllegalStateException("unexpected timestamp " + timestamp);
    }

    /** The last CPU sample taken at or before {@code millis} (the first sample if none). */
    private static long[] at(List<long[]> samples, long millis) {
        long[] found = samples.isEmpty() ? new long[3] : samples.get(0);
        for (long[] s : samples) {
            if (s[0] <= millis) {
                found = s;
            }
        }
        return found;
    }

    /** Largest heap before a GC, largest after, largest committed (MiB), from {@code -Xlog:gc} pause lines. */
    static long[] gcPeaks(Path gcLog) throws IOException {
        long[] peaks = new long[3];
        for (String line : Files.readAllLines(gcLog)) {
            Matcher m = GC_PAUSE.matcher(line);
            if (m.find()) {
                peaks[0] = Math.max(peaks[0], mib(m.group(1), m.group(2)));
                peaks[1] = Math.max(peaks[1], mib(m.group(3), m.group(4)));
                peaks[2] = Math.max(peaks[2], mib(m.group(5), m.group(6)));
            }
        }
        return peaks;
    }

    private static long mib(String value, String unit) {
        long v = Long.parseLong(value);
        return switch (unit) {
            case "K" -> v / 1024;
            case "G" -> v * 1024;
            default -> v;
        };
    }

    /** The test classpath: under exec:java it is the plugin's class loader, not {@code java.class.path}. */
    static String classPath() {
        if (LargeBackfillBenchmark.class.getClassLoader() instanceof URLClassLoader loader) {
            return Arrays.stream(loader.getURLs()).map(u -> Path.of(java.net.URI.create(u.toString())).toString())
                    .collect(Collectors.joining(java.io.File.pathSeparator));
        }
        return System.getProperty("java.class.path");
    }

    private static String inList(String statuses) {
        return Arrays.stream(statuses.split(",")).map(s -> "'" + s + "'").collect(Collectors.joining(",", "(", ")"));
    }

}
