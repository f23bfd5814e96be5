package io.cscartxero.refund;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

import io.cscartxero.testsupport.ConnectorHarness;
import io.cscartxero.testsupport.RealCsCartSchema;
import io.cscartxero.testsupport.RealStore;
import io.cscartxero.testsupport.SqlScripts;
import io.cscartxero.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * What refundExportJob counts as a refund, read from CS-Cart's REAL 4.20 Ultimate install data with the rma add-on's
 * install queries (addons_install.sql, {@code [rma]} part; skipped where absent): the return statuses with
 * inventory "increase" other than Requested are A (Approved) and C (Completed), the refund action is 2 ("Refund",
 * update_totals_and_inventory), and the full-refund order statuses come from status_data.
 */
class RefundPlanOnRealCsCartTest {

    @Test
    void theRealInstallsReturnStatusesAndRefundAction() throws Exception {
        Optional<Path> dir = RealCsCartSchema.editionDir(RealCsCartSchema.ULT);
        assumeTrue(dir.isPresent(), "../shared/cscart/" + RealCsCartSchema.ULT + " is not here");
        TestDatabase store = RealStore.loadInstallData("real_ult_rma");
        try (Connection c = store.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute("SET NAMES utf8");
            st.execute("SET SESSION sql_mode = ''");   // as CS-Cart's installer does
            // the rma add-on's install queries, as the installer runs them (?: → the table prefix)
            String addons = Files.readString(dir.get().resolve("addons_install.sql"), StandardCharsets.UTF_8);
            int start = addons.indexOf("-- [rma] query");
            int end = addons.indexOf("-- [rma] file app/addons/rma/database/lang_en.sql");
            String rma = addons.substring(start, end) + addons.substring(addons.indexOf(
                    "-- [rma] file app/addons/rma/database/status_descriptions/lang_en.sql"));
            int next = rma.indexOf("\n-- [", rma.indexOf("status_descriptions/lang_en.sql"));
            if (next > 0 && !rma.substring(next).startsWith("\n-- [rma]")) rma = rma.substring(0, next);
            for (String sql : SqlScripts.split(rma.replace("?:", "cscart_"))) {
                if (!sql.isBlank() && !sql.contains("privileges")) st.execute(sql);
            }
        }
        try (ConnectorHarness harness = ConnectorHarness.startWithStore(store)) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            harness.cli(new PrintStream(bytes, true, StandardCharsets.UTF_8), "check", "--exports-only");
            List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("refunds"))
                    .toList();

            assertThat(lines).anyMatch(l -> l.startsWith("✓ refunds: RMA returns")
                    && l.contains("return statuses A (Approved), C (Completed) with action(s) [2]"));
            assertThat(lines).anyMatch(l -> l.startsWith("✓ refunds: cancelled paid orders") && l.contains("statuses B, D, F, I → one credit note CN-<order id>")); // names live in the lang files, not loaded
            System.out.println(String.join("\n", lines));
        }
    }
}
