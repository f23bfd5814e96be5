package io.cscartxero.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.cscartxero.testsupport.ConnectorHarness;
import io.cscartxero.testsupport.RealStore;
import io.cscartxero.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * {@code check} on CS-Cart's REAL 4.20 Ultimate install data (from ../shared/cscart, skipped where absent): the store
 * settings are read where CS-Cart keeps them (its demo's time zone is America/Los_Angeles).
 */
class CheckOnRealCsCartTest {

    @Test
    void checkReadsTheRealStoresSettings() throws Exception {
        assumeTrue(RealStore.editionDir().isPresent(), RealStore.ABSENT);
        TestDatabase store = RealStore.loadInstallData("real_ult_check");
        try (ConnectorHarness harness = ConnectorHarness.startWithStore(store)) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            // install data without the demo catalog: no category for imported products, hence exports only
            int exit = harness.cli(new PrintStream(bytes, true, StandardCharsets.UTF_8), "check", "--exports-only");
            List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();

            assertThat(lines.stream().filter(l -> l.startsWith("✗"))).isEmpty();
            assertThat(exit).isZero();
            assertThat(lines).contains("✓ store time zone: America/Los_Angeles (CS-Cart setting timezone)",
                    "✓ store primary currency: USD (currencies.is_primary='Y')",
                    "✓ store default language: en (CS-Cart setting backend_default_language)",
                    "✓ order statuses (sync.order-statuses): P,C exist in CS-Cart");
            assertThat(lines).anyMatch(l -> l.startsWith("✓ CS-Cart version: Ultimate, schema of 4.12 or later"));
            assertThat(harness.sandbox.stats().writeCalls()).isZero();
        }
    }
}
