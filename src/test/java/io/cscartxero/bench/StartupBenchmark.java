package io.cscartxero.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cscartxero.CsCartXeroApplication;
import io.cscartxero.testsupport.ConnectorHarness;
import io.cscartxero.sandbox.SandboxSettings;
import io.cscartxero.sandbox.SandboxStats.CallTime;
import io.cscartxero.testsupport.StoreGenerator;

/**
 * {@code src/test/sh/startup-bench.sh [RUNS]} (or {@code ./mvnw -Pbench -Dbench.main=io.cscartxero.bench.StartupBenchmark
 * [-Dbench.runs=5] [-Dbench.jar=target/cscart-xero-0.1.0-SNAPSHOT.jar]}): how long the one-shot commands take and how
 * long from launching the JVM to the first Xero write, each command in a fresh JVM as an operator runs it. The store
 * is a generated CS-Cart database on the embedded MariaDB (200 customers), Xero the in-process sandbox, the connector
 * database MariaDB. With {@code bench.jar} the commands go through {@code jobs/cscart-xero} (class data sharing; its
 * archive is built by the first call, which is not counted); without, {@code java -cp <test classpath>}.
 * Prints the median of RUNS runs: wall time, CPU time (user + sys of the JVM, from /usr/bin/time) and, for
 * {@code run customerExportJob full=true}, the time from launch to the first write the sandbox received.
 */
public final class StartupBenchmark {

    record Sample(double wall, double cpu, double firstWrite, int exit) {
    }

    public static void main(String[] args) throws Exception {
        int runs = Integer.getInteger("bench.runs", 5);
        String jar = System.getProperty("bench.jar");
        Path dir = Files.createDirectories(Path.of(System.getProperty("bench.dir", "target/bench-startup")).toAbsolutePath());
        SandboxSettings settings = SandboxSettings.defaults().withPort(0).withMinuteLimit(600, Duration.ofSeconds(1))
                .withDayLimit(10_000_000, Duration.ofDays(1));
        try (ConnectorHarness h = ConnectorHarness.start(settings, true)) {
            StoreGenerator.populate(h.cscart.dataSource(), ConnectorHarness.PREFIX, 200, 7L);
            List<String> launcher = launcher(jar, dir);
            Map<String, List<String>> commands = new LinkedHashMap<>();
            commands.put("--help", List.of("--help"));
            commands.put("status", List.of("status"));
            commands.put("executions", List.of("executions"));
            commands.put("errors", List.of("errors"));
            commands.put("run customerExportJob (launch → first write)", List.of("run", "customerExportJob", "full=true"));
            // -Dbench.compareJar=/other/checkout/target/cscart-xero.jar: that build ("before") and this one ("after"),
            // command by command alternately through the same launcher, so that both meet the same load
            String compareJar = System.getProperty("bench.compareJar");
            List<String> variants = compareJar == null ? List.of("") : List.of("before", "after");
            Map<String, List<Sample>> results = new LinkedHashMap<>();
            for (String variant : variants) {
                // warm-up: creates the connector schema (Flyway) and, with the launcher, the class data sharing archive
                Sample warm = once(h, launcher, dir, List.of("run", "customerExportJob"), "warmup" + variant, jarOf(variant, compareJar, jar), variant);
                System.out.println("warm-up run " + variant + " (schema, CDS archive): " + warm);
            }
            for (int r = 0; r < runs; r++) {
                for (var c : commands.entrySet()) {
                    for (String variant : variants) {
                        results.computeIfAbsent((variant.isEmpty() ? "" : variant + ": ") + c.getKey(), k -> new ArrayList<>())
                                .add(once(h, launcher, dir, c.getValue(), "run" + r + variant, jarOf(variant, compareJar, jar), variant));
                    }
                }
            }
            System.out.println();
            System.out.println(BenchSupport.machine() + "; load average " + Files.readString(Path.of("/proc/loadavg")).trim());
            System.out.printf("Launcher: %s; median of %d runs%s%n", String.join(" ", launcher.subList(0, Math.min(3, launcher.size()))), runs,
                    System.getenv("CSCART_XERO_JAVA") == null ? "" : "; CSCART_XERO_JAVA=" + System.getenv("CSCART_XERO_JAVA"));
            System.out.println("| command | wall time | CPU time (user + sys) | launch → first write | exit codes |");
            System.out.println("|---|---|---|---|---|");
            for (var e : results.entrySet()) {
                List<Sample> s = e.getValue();
                double first = median(s.stream().mapToDouble(Sample::firstWrite).toArray());
                System.out.printf("| `%s` | %.2f s | %.2f s | %s | %s |%n", e.getKey(), median(s.stream().mapToDouble(Sample::wall).toArray()),
                        median(s.stream().mapToDouble(Sample::cpu).toArray()), Double.isNaN(first) ? "–" : String.format("%.2f s", first),
                        s.stream().map(x -> Integer.toString(x.exit())).distinct().toList());
            }
        }
        System.exit(0);
    }

    private static List<String> launcher(String jar, Path dir) {
        if (jar != null) {
            return new ArrayList<>(List.of(Path.of(System.getProperty("bench.launcher", "jobs/cscart-xero")).toAbsolutePath().toString()));
        }
        return new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                LargeBackfillBenchmark.classPath(), CsCartXeroApplication.class.getName()));
    }

    private static String jarOf(String variant, String compareJar, String jar) {
        return "before".equals(variant) ? compareJar : jar;
    }

    private static Sample once(ConnectorHarness h, List<String> launcher, Path dir, List<String> command, String name, String jar,
            String variant) throws Exception {
        Path times = dir.resolve("time.txt");
        List<String> args = new ArrayList<>(List.of("/usr/bin/time", "-f", "%e %U %S", "-o", times.toString()));
        args.addAll(launcher);
        args.addAll(command);
        if (!command.equals(List.of("--help"))) {
            h.properties().forEach((k, v) -> args.add("--" + k + "=" + v));
        }
        ProcessBuilder pb = new ProcessBuilder(args).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + "-" + command.get(0).replace("-", "") + ".log").toFile()).directory(dir.toFile());
        if (jar != null) {
            pb.environment().put("CSCART_XERO_JAR", Path.of(jar).toAbsolutePath().toString());
            pb.environment().put("CSCART_XERO_CDS_DIR", dir.resolve("cds" + variant).toString());
        }
        int before = h.sandbox.stats().timeline().size();
        long launch = System.nanoTime();
        int exit = pb.start().waitFor();
        List<CallTime> calls = h.sandbox.stats().timeline();
        double firstWrite = calls.subList(before, calls.size()).stream().filter(CallTime::write).findFirst()
                .map(c -> (c.nanos() - launch) / 1e9).orElse(Double.NaN);
        String[] t = Files.readString(times).trim().split("\\s+");
        int n = t.length;
        return new Sample(Double.parseDouble(t[n - 3]), Double.parseDouble(t[n - 2]) + Double.parseDouble(t[n - 1]), firstWrite, exit);
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length == 0 ? Double.NaN : v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
