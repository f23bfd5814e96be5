package io.cscartxero.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.cscartxero.cscart.RmaReturns;
import io.cscartxero.refund.RefundPlan;
import io.cscartxero.sync.SyncProperties;
import io.cscartxero.xero.XeroProperties;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The refund plan of refundExportJob, read from the store: the order statuses whose paid orders are credited in full
 * (status_data: stock back, not paid; less {@code sync.void-on-status}), the return statuses that count as completed
 * (type 'R' with inventory "increase", not Requested) and the refund actions of the RMA add-on, and the credit-note
 * numbers ({@code xero.credit-note-number-prefix} + order id, or + {@code R} + return id). Always ✓: it says what
 * will happen; a store without refund statuses or without the RMA add-on simply gets fewer credit notes.
 */
@Component
@Order(FirstRunCheck.REFUND_PLAN)
class RefundPlanCheck implements FirstRunCheck {

    private static final String SUBJECT = "refunds";

    private final XeroProperties xero;
    private final SyncProperties sync;

    RefundPlanCheck(XeroProperties xero, SyncProperties sync) {
        this.xero = xero;
        this.sync = sync;
    }

    @Override
    public String subject() {
        return SUBJECT;
    }

    @Override
    public List<CheckLine> check(CheckContext context) {
        if (context.storeTablesUnavailable().isPresent()) {
            return List.of(CheckLine.notChecked(SUBJECT, context.storeTablesUnavailable().get()));
        }
        String prefix = xero.creditNoteNumberPrefix();
        List<CheckLine> lines = new ArrayList<>();
        List<String> statuses = RefundPlan.refundStatuses(context.cscart(), context.cscartProperties(),
                sync.voidOnStatus());
        lines.add(CheckLine.ok("refunds: cancelled paid orders", statuses.isEmpty()
                ? "none: no order status gives the stock back without being paid (or all are in sync.void-on-status)"
                : "statuses " + named(context, statuses, "O") + " → one credit note " + prefix + "<order id>"));
        RmaReturns rma = new RmaReturns(context.cscart(), context.cscartProperties());
        if (!rma.installed()) {
            lines.add(CheckLine.ok("refunds: RMA returns", "the rma add-on is not installed: no return is credited"));
            return lines;
        }
        List<String> completed = rma.completedStatuses();
        List<Long> actions = rma.refundActions();
        lines.add(CheckLine.ok("refunds: RMA returns", completed.isEmpty() || actions.isEmpty()
                ? "none: no return status increases the stock or no action updates totals and inventory"
                : "return statuses " + named(context, completed, "R") + " with action(s) " + actions
                        + " (update_totals_and_inventory) → one credit note " + prefix + "R<return id> each; the"
                        + " invoice keeps what was sold"));
        return lines;
    }

    private static String named(CheckContext context, List<String> statuses, String type) {
        List<String> named = new ArrayList<>();
        for (String s : statuses) {
            List<String> names = context.cscart().queryForList("SELECT d.description FROM "
                    + context.cscartProperties().table("statuses") + " s JOIN "
                    + context.cscartProperties().table("status_descriptions") + " d ON d.status_id = s.status_id"
                    + " AND d.lang_code = 'en' WHERE s.type = :type AND s.status = :status",
                    Map.of("type", type, "status", s), String.class);
            named.add(names.isEmpty() ? s : s + " (" + names.get(0) + ")");
        }
        return String.join(", ", named);
    }
}
