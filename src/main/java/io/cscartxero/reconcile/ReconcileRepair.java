package io.cscartxero.reconcile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.cscartxero.reconcile.Difference.Kind;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code reconcile --repair}: re-queues the repairable differences of the last run for the normal jobs, which do
 * all the writing to Xero — this class writes only the connector database's links, in one transaction:
 * <ul>
 * <li>an invoice to send again (total, tax, status or contact differs): its link's payload hash is cleared, so
 * orderExportJob sends the order again (an update in place of the same InvoiceID);</li>
 * <li>an invoice, contact or item gone from Xero: its link is removed, so the export creates it again;</li>
 * <li>a paid order whose invoice is unpaid: its payment link (if any) is removed, so paymentExportJob pays what is
 * due;</li>
 * <li>a missing or unlinked record: nothing to clear, the export's next full run sends (or links) it.</li>
 * </ul>
 * Each is marked {@code repaired_at}. The jobs pick them up on their next full run (serve's nightly run, or
 * {@code run <job>}); a change run ({@code changedAfter}) reads only records changed in the store.
 */
@Component
public class ReconcileRepair {

    /** Not a SHA-256 (those are hex): no payload ever has this hash, so the record is sent again. */
    static final String REQUEUED = "requeued-by-reconcile";

    /** What was re-queued: per job, the CS-Cart ids to run it for. */
    public record Requeued(int differences, Map<String, Set<String>> byJob) {
    }

    private final JdbcTemplate jdbc;
    private final ReconcileReport report;
    private final TransactionTemplate tx;

    public ReconcileRepair(JdbcTemplate jdbc, ReconcileReport report, PlatformTransactionManager txManager) {
        this.jdbc = jdbc;
        this.report = report;
        this.tx = new TransactionTemplate(txManager);
    }

    /** Re-queues the repairable, not yet repaired differences of the tenant's last run. */
    public Requeued repairLast(String tenant) {
        ReconcileReport.Run run = report.lastRun(tenant);
        if (run == null) {
            return new Requeued(0, Map.of());
        }
        return tx.execute(status -> {
            Map<String, Set<String>> byJob = new TreeMap<>();
            List<Long> done = new ArrayList<>();
            for (ReconcileReport.Row row : report.differences(run.id())) {
                Difference d = row.difference();
                if (!d.repairable() || row.repairedAt() != null || d.cscartId() == null) {
                    continue;
                }
                String job = requeue(tenant, d);
                byJob.computeIfAbsent(job, k -> new TreeSet<>(java.util.Comparator.comparingLong(Long::parseLong))).add(d.cscartId());
                done.add(row.id());
            }
            report.markRepaired(done);
            return new Requeued(done.size(), byJob);
        });
    }

    /** Clears or removes what keeps the normal job from sending the record; the job that will. */
    private String requeue(String tenant, Difference d) {
        Kind kind = d.kind();
        return switch (kind) {
            case TOTAL_DIFFERS, TAX_DIFFERS, STATUS_DIFFERS, CONTACT_DIFFERS -> {
                jdbc.update("UPDATE sync_link SET payload_hash = ? WHERE tenant_id = ? AND entity = 'INVOICE' AND cscart_id = ?",
                        REQUEUED, tenant, d.cscartId());
                yield "orderExportJob";
            }
            case DELETED_IN_XERO, MISSING_INVOICE -> {   // repairable only when gone from Xero, or never sent
                removeLink(tenant, "INVOICE", d.cscartId());
                yield "orderExportJob";
            }
            case UNLINKED_INVOICE -> "orderExportJob";
            case PAID_NOT_IN_XERO -> {
                removeLink(tenant, "PAYMENT", d.cscartId());
                yield "paymentExportJob";
            }
            case MISSING_CONTACT -> {
                removeLink(tenant, "CONTACT", d.cscartId());
                yield "customerExportJob";
            }
            case MISSING_ITEM -> {
                removeLink(tenant, "ITEM", d.cscartId());
                yield "productExportJob";
            }
            default -> throw new IllegalStateException(kind + " is never repairable");
        };
    }

    private void removeLink(String tenant, String entity, String cscartId) {
        jdbc.update("DELETE FROM sync_link WHERE tenant_id = ? AND entity = ? AND cscart_id = ?", tenant, entity, cscartId);
    }
}
