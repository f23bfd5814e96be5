package io.cscartxero.refund;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.cscartxero.testsupport.ConnectorHarness;
import io.cscartxero.testsupport.StoreGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code check} shows refundExportJob's plan, read from the store's status_data and the RMA add-on: which order
 * statuses are full refunds, which return statuses count as completed with which refund actions, and the credit-note
 * numbers.
 */
class RefundPlanCheckTest {

    private ConnectorHarness harness;

    @AfterEach
    void close() {
        if (harness != null) harness.close();
    }

    private List<String> check() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        harness.cli(new PrintStream(bytes, true, StandardCharsets.UTF_8), "check", "--exports-only");
        return bytes.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("refunds")).toList();
    }

    @Test
    void refundStatusesReturnStatusesAndNumbers() {
        harness = ConnectorHarness.start().set("cscart.import.category-id", "2").set("sync.void-on-status", "D");
        StoreGenerator.populateStore(harness.cscart.dataSource(), ConnectorHarness.PREFIX, 10, 10, 10, 75L);
        new StoreReturns(harness.cscartJdbc(), ConnectorHarness.PREFIX);
        // a merchant's own return status that puts the goods back in stock counts as completed too
        harness.cscartJdbc().update("INSERT INTO cscart_statuses (status, type, is_default) VALUES ('X', 'R', 'N')");
        harness.cscartJdbc().update("INSERT INTO cscart_status_data (status_id, param, value) SELECT status_id,"
                + " 'inventory', 'I' FROM cscart_statuses WHERE status = 'X' AND type = 'R'");

        List<String> lines = check();

        assertThat(lines).anyMatch(l -> l.startsWith("✓ refunds: cancelled paid orders")
                && l.contains("statuses B (Backordered), F (Failed), I (Canceled) → one credit note CN-<order id>"));
        assertThat(lines).anyMatch(l -> l.startsWith("✓ refunds: RMA returns")
                && l.contains("return statuses A (Approved), C (Completed), X with action(s) [2]")
                && l.contains("CN-R<return id>"));
    }
}
