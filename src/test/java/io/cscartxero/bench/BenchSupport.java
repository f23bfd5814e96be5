package io.cscartxero.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.List;

import io.cscartxero.testsupport.StoreTaxes;
import io.cscartxero.testsupport.ConnectorHarness;
import io.cscartxero.sandbox.SandboxStats.CallTime;

/** Small helpers shared by the benchmark commands. */
final class BenchSupport {

    private BenchSupport() {
    }

    static Duration window() {
        return window("60s");
    }

    /** {@code -Dbench.window} (e.g. 5s) or the given default: the sandbox's "minute", scaled down to save waiting. */
    static Duration window(String defaultWindow) {
        return Duration.parse("PT" + System.getProperty("bench.window", defaultWindow).toUpperCase());
    }

    /** One line saying where the numbers come from. */
    static String machine() {
        Runtime rt = Runtime.getRuntime();
        return String.format("Machine: %d CPUs, %d GiB RAM visible to the JVM's host, %s %s (%s), %s %s", rt.availableProcessors(),
                totalMemoryGiB(), System.getProperty("java.vm.name"), System.getProperty("java.version"),
                System.getProperty("java.vendor"), System.getProperty("os.name"), System.getProperty("os.arch"));
    }

    private static long totalMemoryGiB() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return Math.round(os.getTotalMemorySize() / (1024.0 * 1024 * 1024));
        }
        return -1;
    }

    /** The time {@code calls} need at Xero's real limit of 60 calls per minute (the first 60 go at once). */
    static String atXeroLimit(long calls) {
        long minutes = Math.max(0, (calls - 1) / 60);
        return minutes == 0 ? "< 1 min" : String.format("≥ %d min", minutes);
    }

    static void resetPeakHeap() {
        ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** Sum of the heap pools' peaks since the last reset, in MiB (an upper bound of the live peak). */
    static long peakHeapMiB() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum() / (1024 * 1024);
    }

    /** The generated store's taxes (ids 6-9, alone and combined) mapped to tax rates that exist in the sandbox. */
    static void mapGeneratedTaxes(ConnectorHarness h) {
        StoreTaxes.mapped(h);
    }

    /**
     * Admitted calls ÷ calls the sandbox allowed over the windows the run spanned (NaN when the run fit in one window:
     * the limit never bound it). The sandbox's windows are fixed, opened by the first call after the previous ended.
     */
    static double windowUse(List<CallTime> calls, Duration window, int limit) {
        List<CallTime> admitted = calls.stream().filter(c -> c.status() != 429).toList();
        if (admitted.size() <= limit) {
            return Double.NaN;
        }
        long spanned = 0;
        long windowEnd = Long.MIN_VALUE;
        for (CallTime c : admitted) {
            if (c.nanos() >= windowEnd) {
                spanned++;
                windowEnd = c.nanos() + window.toNanos();
            }
        }
        return (double) admitted.size() / (spanned * limit);
    }

    /** One job run through the CLI and the API calls the sandbox answered meanwhile. */
    record JobRun(int exit, long startNanos, double seconds, List<CallTime> calls) {

        long writes() {
            return calls.stream().filter(CallTime::write).count();
        }

        long gets() {
            return calls.size() - writes();
        }

        long rateLimited() {
            return calls.stream().filter(c -> c.status() == 429).count();
        }

        /** Seconds from the start of the run to the first write call, NaN when there was none. */
        double firstWriteSeconds() {
            return calls.stream().filter(CallTime::write).findFirst().map(c -> (c.nanos() - startNanos) / 1e9).orElse(Double.NaN);
        }
    }

    /** {@code run <job> <params...>} with the harness's configuration, output discarded. */
    static JobRun run(ConnectorHarness h, String job, String... params) {
        int before = h.sandbox.stats().timeline().size();
        List<String> command = new java.util.ArrayList<>(List.of("run", job));
        command.addAll(List.of(params));
        long start = System.nanoTime();
        int exit = h.cli(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()), command.toArray(String[]::new));
        double seconds = (System.nanoTime() - start) / 1e9;
        List<CallTime> calls = h.sandbox.stats().timeline();
        return new JobRun(exit, start, seconds, calls.subList(before, calls.size()));
    }
}
