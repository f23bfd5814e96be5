import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.util.ArrayList;
import java.util.List;

import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs test classes (or Class#method) RUNS times in a row in one JVM and reports how many runs passed. Started by
 * loaded-runs.sh as a single-file program (java RepeatTests.java), so the build needs no extra dependency.
 * Usage: java -cp <test classpath + junit-platform-launcher> RepeatTests.java RUNS io.x.ATest io.x.BTest#method ...
 */
public class RepeatTests {

    public static void main(String[] args) {
        int runs = Integer.parseInt(args[0]);
        List<DiscoverySelector> selectors = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            selectors.add(args[i].contains("#") ? selectMethod(args[i]) : selectClass(args[i]));
        }
        Launcher launcher = LauncherFactory.create();
        int passed = 0;
        for (int run = 1; run <= runs; run++) {
            SummaryGeneratingListener listener = new SummaryGeneratingListener();
            long started = System.nanoTime();
            launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectors).build(), listener);
            TestExecutionSummary summary = listener.getSummary();
            boolean ok = summary.getTotalFailureCount() == 0 && summary.getTestsSucceededCount() > 0;
            passed += ok ? 1 : 0;
            System.out.printf("[repeat] run %d/%d: %s - %d tests, %d succeeded, %d failed, %d skipped, %d s%n", run, runs,
                    ok ? "PASS" : "FAIL", summary.getTestsFoundCount(), summary.getTestsSucceededCount(),
                    summary.getTotalFailureCount(), summary.getTestsSkippedCount(), (System.nanoTime() - started) / 1_000_000_000L);
            summary.getFailures().forEach(f -> System.out.printf("[repeat]   %s: %s (cause: %s)%n",
                    f.getTestIdentifier().getDisplayName(), f.getException(), f.getException().getCause()));
        }
        System.out.printf("[repeat] %d of %d runs passed%n", passed, runs);
        System.exit(passed == runs ? 0 : 1);
    }
}
