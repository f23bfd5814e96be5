package io.cscartxero.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The one computation of an order's next invoice number ({@link ReconcileRepair#nextIssue}), which the
 * reconciliation report shows and the repair uses: one past the highest issue the order ever had, the cancelled
 * invoice's or any recorded in {@code reissued_invoice}.
 */
class ReissueNumberTest {

    @Test
    void onePastTheHighestIssueTheOrderEverHad() {
        assertThat(ReconcileRepair.nextIssue("CS-", 7, "CS-7", null)).isEqualTo(new ReconcileRepair.Reissue(1, 1, "CS-7-2"));
        assertThat(ReconcileRepair.nextIssue("CS-", 7, "CS-7-2", 1)).isEqualTo(new ReconcileRepair.Reissue(2, 2, "CS-7-3"));
        assertThat(ReconcileRepair.nextIssue("CS-", 7, "CS-7-3", 2)).isEqualTo(new ReconcileRepair.Reissue(3, 3, "CS-7-4"));
        // an older number of the order than recorded (a link older than the re-issues): past the recorded ones, never
        // CS-7-3 again (the report said CS-7-3 here before, the repair CS-7-4)
        assertThat(ReconcileRepair.nextIssue("CS-", 7, "CS-7-2", 3)).isEqualTo(new ReconcileRepair.Reissue(2, 3, "CS-7-4"));
    }

    @Test
    void noneForAnotherOrdersNumberOrBeyondXerosLength() {
        assertThat(ReconcileRepair.nextIssue("CS-", 7, "CS-8", null)).isNull();
        assertThat(ReconcileRepair.nextIssue("CS-", 7, "INV-7", null)).isNull();
        String prefix = "P".repeat(253) + "-";   // "P…-7" is 255 characters: "-2" would exceed Xero's limit
        assertThat(ReconcileRepair.nextIssue(prefix, 7, prefix + "7", null)).isNull();
    }
}
