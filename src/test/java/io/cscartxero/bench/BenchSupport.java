package io.cscartxero.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;

/** Small helpers shared by the benchmark commands. */
final class BenchSupport {

    private BenchSupport() {
    }

    static Duration window() {
        return Duration.parse("PT" + System.getProperty("bench.window", "60s").toUpperCase());
    }

    static void resetPeakHeap() {
        ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** Sum of the heap pools' peaks since the last reset, in MiB (an upper bound of the live peak). */
    static long peakHeapMiB() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum() / (1024 * 1024);
    }
}
